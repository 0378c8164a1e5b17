using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Lorebooks;

namespace Companion.Continuity.Lorebooks;

/// <summary>
/// Reads a lorebook in any of the forms it travels in: a Character Card V2/V3 <c>character_book</c>
/// (alone, or as <c>{"character_book":…}</c> / <c>{"lorebook":…}</c>), a V3 <c>{"spec":"lorebook_v3","data":…}</c>
/// file, a card holding one, or a SillyTavern World Info file (<see cref="WorldInfoReader"/>). Every
/// field is kept: the spec's in the model, the rest in <c>Unknown</c>, so nothing is dropped.
/// </summary>
public static class LorebookReader
{
    private static readonly HashSet<string> BookFields =
        ["name", "description", "scan_depth", "token_budget", "recursive_scanning", "extensions", "entries"];

    private static readonly HashSet<string> EntryFields =
    [
        "id", "keys", "secondary_keys", "content", "enabled", "insertion_order", "case_sensitive", "use_regex",
        "constant", "selective", "name", "priority", "comment", "position", "extensions",
    ];

    private const string Forms =
        "Send a character_book object ({\"entries\":[…]}), a {\"spec\":\"lorebook_v3\",\"data\":{…}} file, a Character Card with data.character_book, or a SillyTavern World Info file ({\"entries\":{\"0\":{…}}}).";

    /// <summary>The lorebook in <paramref name="body"/>, whichever form it has; <see cref="LorebookFormatException"/> saying what is wrong otherwise.</summary>
    public static LorebookReading Read(JsonElement body)
    {
        try
        {
            return ReadAny(body);
        }
        catch (ArgumentException)
        {
            // JsonObject refuses an object that names a property twice.
            throw new LorebookFormatException("The lorebook names a property twice in one object: each name may appear once.");
        }
    }

    private static LorebookReading ReadAny(JsonElement body)
    {
        if (JsonNode.Parse(body.GetRawText()) is not JsonObject root)
        {
            throw new LorebookFormatException($"A lorebook must be a JSON object. {Forms}");
        }

        var spec = root["spec"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null;
        switch (spec)
        {
            case "lorebook_v3":
                return new(CharacterBook(root["data"] as JsonObject ?? throw new LorebookFormatException("A lorebook_v3 file needs a 'data' object holding the lorebook.")),
                    LorebookSources.LorebookV3, []);
            case "chara_card_v2" or "chara_card_v3":
                return new(CharacterBook(root["data"]?["character_book"] as JsonObject ?? throw new LorebookFormatException("The card has no 'data.character_book' object to import.")),
                    LorebookSources.CharacterBook, []);
            case not null:
                throw new LorebookFormatException($"Unsupported 'spec' '{spec}'. {Forms}");
        }

        if (root.Count == 1 && (root["character_book"] ?? root["lorebook"]) is JsonObject wrapped)
        {
            return new(CharacterBook(wrapped), LorebookSources.CharacterBook, []);
        }

        return root["entries"] switch
        {
            JsonArray => new(CharacterBook(root), LorebookSources.CharacterBook, []),
            JsonObject => WorldInfoReader.Read(root),
            null => throw new LorebookFormatException($"The object has no 'entries'. {Forms}"),
            _ => throw new LorebookFormatException($"'entries' must be an array (character_book) or an object keyed by uid (World Info). {Forms}"),
        };
    }

    /// <summary>A Character Card V2/V3 <c>character_book</c> object as a <see cref="Lorebook"/>.</summary>
    public static Lorebook CharacterBook(JsonObject book)
    {
        if (book["entries"] is not JsonArray entries)
        {
            throw new LorebookFormatException("A character_book needs an 'entries' array (it may be empty).");
        }

        var read = ImmutableArray.CreateBuilder<LorebookEntry>(entries.Count);
        var taken = entries.Select(e => e is JsonObject o ? IdOf(o["id"]) : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject ?? throw new LorebookFormatException($"entries[{i}] must be an object.");
            var id = IdOf(entry["id"]) ?? NewId(taken, i);
            read.Add(Entry(entry, id, $"entries[{i}]"));
        }

        return new Lorebook(
            Json.String(book, "name", "lorebook"),
            Json.String(book, "description", "lorebook"),
            Json.Int(book, "scan_depth", "lorebook"),
            Json.Int(book, "token_budget", "lorebook"),
            Json.Bool(book, "recursive_scanning", "lorebook"),
            Json.ObjectText(book, "extensions", "lorebook"),
            read.MoveToImmutable(),
            Json.Rest(book, BookFields));
    }

    /// <summary>One <c>character_book</c> entry, under the id <paramref name="id"/> (the one in the body, if any, must agree).</summary>
    public static LorebookEntry Entry(JsonElement body, string id)
    {
        if (JsonNode.Parse(body.GetRawText()) is not JsonObject entry)
        {
            throw new LorebookFormatException("A lorebook entry must be a JSON object with the character_book entry fields ('keys', 'content', …).");
        }

        if (IdOf(entry["id"]) is { } own && own != id)
        {
            throw new LorebookFormatException($"The body's 'id' is '{own}' but the path names entry '{id}': leave 'id' out or make them agree.");
        }

        return Entry(entry, id, "entry");
    }

    private static LorebookEntry Entry(JsonObject entry, string id, string at) => new(
        id,
        Json.Strings(entry, "keys", at),
        Json.Strings(entry, "secondary_keys", at),
        Json.String(entry, "content", at) ?? "",
        Json.Bool(entry, "enabled", at) ?? true,
        Json.Number(entry, "insertion_order", at) ?? 0,
        Json.Bool(entry, "case_sensitive", at),
        Json.Bool(entry, "use_regex", at) ?? false,
        Json.Bool(entry, "constant", at),
        Json.Bool(entry, "selective", at),
        Json.String(entry, "name", at),
        Json.Number(entry, "priority", at),
        Json.String(entry, "comment", at),
        Json.String(entry, "position", at),
        Json.ObjectText(entry, "extensions", at),
        Json.Rest(entry, EntryFields));

    /// <summary>An entry id as text: V2 writes numbers, V3 strings.</summary>
    internal static string? IdOf(JsonNode? id) =>
        id is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        } : null;

    /// <summary>An id for an entry that came without one, unlike every other entry's.</summary>
    internal static string NewId(HashSet<string> taken, int index)
    {
        var id = (index + 1).ToString(CultureInfo.InvariantCulture);
        while (!taken.Add(id))
        {
            id = $"entry-{id}";
        }

        return id;
    }
}
