using System.Text.Json;

namespace Companion.Domain.Lorebooks;

/// <summary>
/// SillyTavern's settings an entry may carry in its <c>extensions</c> (as SillyTavern itself
/// writes them into a card's <c>character_book</c>, and as a World Info import keeps them):
/// <c>selectiveLogic</c>, <c>match_whole_words</c>, <c>scan_depth</c>, <c>case_sensitive</c>.
/// </summary>
internal sealed record LoreEntrySettings(SelectiveLogic Logic, bool WholeWords, int? ScanDepth, bool? CaseSensitive)
{
    private static readonly LoreEntrySettings None = new(SelectiveLogic.AndAny, false, null, null);

    public static LoreEntrySettings Of(LorebookEntry entry)
    {
        if (entry.Extensions is null)
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(entry.Extensions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            return new LoreEntrySettings(
                Int(root, "selectiveLogic") is >= 0 and <= 3 and var logic ? (SelectiveLogic)logic : SelectiveLogic.AndAny,
                Bool(root, "match_whole_words") ?? false,
                Int(root, "scan_depth") is >= 0 and var depth ? depth : null,
                Bool(root, "case_sensitive"));
        }
        catch (JsonException)
        {
            return None;
        }
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static bool? Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}

/// <summary>How secondary keys combine with a selective entry's primary match (SillyTavern's numbering).</summary>
internal enum SelectiveLogic
{
    /// <summary>At least one secondary key must occur too (the Character Card spec's <c>selective</c>).</summary>
    AndAny = 0,

    /// <summary>Not every secondary key may occur.</summary>
    NotAll = 1,

    /// <summary>No secondary key may occur.</summary>
    NotAny = 2,

    /// <summary>Every secondary key must occur.</summary>
    AndAll = 3,
}
