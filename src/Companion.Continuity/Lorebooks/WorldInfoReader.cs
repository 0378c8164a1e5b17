using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Lorebooks;

namespace Companion.Continuity.Lorebooks;

/// <summary>
/// A SillyTavern World Info file (<c>{"entries":{"&lt;uid&gt;":{…}}}</c>) as a <see cref="Lorebook"/>,
/// the way SillyTavern itself turns one into a card's <c>character_book</c>: the fields the spec
/// names map onto it (<c>key</c> → keys, <c>keysecondary</c> → secondary_keys, <c>order</c> →
/// insertion_order, <c>disable</c> → not enabled, <c>position</c> 0/1 → before_char/after_char…),
/// and every other field goes into the entry's <c>extensions</c> under SillyTavern's own
/// character_book name (<see cref="ExtensionNames"/>) or, for fields it does not name, as it came.
/// </summary>
public static class WorldInfoReader
{
    /// <summary>World Info fields and the names SillyTavern gives them in a character_book entry's extensions.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExtensionNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["position"] = "position",
        ["excludeRecursion"] = "exclude_recursion",
        ["preventRecursion"] = "prevent_recursion",
        ["delayUntilRecursion"] = "delay_until_recursion",
        ["displayIndex"] = "display_index",
        ["matchWholeWords"] = "match_whole_words",
        ["caseSensitive"] = "case_sensitive",
        ["scanDepth"] = "scan_depth",
        ["groupOverride"] = "group_override",
        ["groupWeight"] = "group_weight",
        ["useGroupScoring"] = "use_group_scoring",
        ["automationId"] = "automation_id",
    };

    private static readonly HashSet<string> Mapped = ["uid", "key", "keysecondary", "content", "comment", "constant", "selective", "order", "disable"];

    /// <summary>The World Info file (its <c>entries</c> an object) as a lorebook.</summary>
    public static LorebookReading Read(JsonObject file)
    {
        var entries = (JsonObject)file["entries"]!;
        var read = ImmutableArray.CreateBuilder<LorebookEntry>(entries.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var (key, value) in entries)
        {
            var at = $"entries.{key}";
            var entry = value as JsonObject ?? throw new LorebookFormatException($"'{at}' must be an object.");
            var id = LorebookReader.IdOf(entry["uid"]) ?? key;
            if (!taken.Add(id))
            {
                id = LorebookReader.NewId(taken, index);
            }

            read.Add(Entry(entry, id, at));
            index++;
        }

        var rest = new JsonObject();
        foreach (var (key, value) in file)
        {
            if (key != "entries")
            {
                rest[key] = value?.DeepClone();
            }
        }

        var name = rest["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        rest.Remove("name");
        var book = new Lorebook(name, null, null, null, null, null, read.MoveToImmutable(), rest.Count == 0 ? null : rest.ToJsonString());
        return new LorebookReading(book, LorebookSources.WorldInfo, []);
    }

    private static LorebookEntry Entry(JsonObject entry, string id, string at)
    {
        var extensions = new JsonObject();
        foreach (var (field, value) in entry)
        {
            if (!Mapped.Contains(field))
            {
                extensions[ExtensionNames.TryGetValue(field, out var renamed) ? renamed : field] = value?.DeepClone();
            }
        }

        var position = entry["position"] is JsonValue p && p.GetValueKind() == JsonValueKind.Number && p.TryGetValue<int>(out var number)
            ? number switch { 0 => "before_char", 1 => "after_char", _ => null }
            : null;
        return new LorebookEntry(
            id,
            Json.Strings(entry, "key", at),
            Json.Strings(entry, "keysecondary", at),
            Json.String(entry, "content", at) ?? "",
            !(Json.Bool(entry, "disable", at) ?? false),
            Json.Number(entry, "order", at) ?? 100,
            entry["caseSensitive"] is JsonValue c && c.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? c.GetValue<bool>() : null,
            false,
            Json.Bool(entry, "constant", at),
            Json.Bool(entry, "selective", at),
            null,
            null,
            Json.String(entry, "comment", at),
            position,
            extensions.Count == 0 ? null : extensions.ToJsonString(),
            null);
    }
}
