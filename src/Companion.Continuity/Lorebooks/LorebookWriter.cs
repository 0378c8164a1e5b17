using System.Globalization;
using System.Text.Json.Nodes;
using Companion.Domain.Lorebooks;

namespace Companion.Continuity.Lorebooks;

/// <summary>
/// A <see cref="Lorebook"/> as a Character Card V2/V3 <c>character_book</c>: the spec's fields,
/// then every field it came with outside the spec, as it came.
/// </summary>
public static class LorebookWriter
{
    /// <summary>The book as a <c>character_book</c> object.</summary>
    public static JsonObject CharacterBook(Lorebook book)
    {
        var o = new JsonObject();
        Set(o, "name", book.Name);
        Set(o, "description", book.Description);
        Set(o, "scan_depth", book.ScanDepth);
        Set(o, "token_budget", book.TokenBudget);
        Set(o, "recursive_scanning", book.RecursiveScanning);
        o["extensions"] = Parse(book.Extensions) ?? new JsonObject();
        o["entries"] = new JsonArray([.. book.Entries.Select(Entry)]);
        AddRest(o, book.Unknown);
        return o;
    }

    private static JsonObject Entry(LorebookEntry entry)
    {
        var o = new JsonObject
        {
            ["id"] = long.TryParse(entry.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == entry.Id
                ? JsonValue.Create(n)
                : JsonValue.Create(entry.Id),
            ["keys"] = Strings(entry.Keys),
        };
        if (!entry.SecondaryKeys.IsEmpty || entry.Selective is not null)
        {
            o["secondary_keys"] = Strings(entry.SecondaryKeys);
        }

        o["content"] = entry.Content;
        o["extensions"] = Parse(entry.Extensions) ?? new JsonObject();
        o["enabled"] = entry.Enabled;
        o["insertion_order"] = entry.InsertionOrder;
        Set(o, "case_sensitive", entry.CaseSensitive);
        o["use_regex"] = entry.UseRegex;
        Set(o, "constant", entry.Constant);
        Set(o, "selective", entry.Selective);
        Set(o, "name", entry.Name);
        Set(o, "priority", entry.Priority);
        Set(o, "comment", entry.Comment);
        Set(o, "position", entry.Position);
        AddRest(o, entry.Unknown);
        return o;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static void Set<T>(JsonObject o, string name, T? value)
    {
        if (value is not null)
        {
            o[name] = JsonValue.Create(value);
        }
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    private static void AddRest(JsonObject o, string? unknown)
    {
        if (Parse(unknown) is { } rest)
        {
            foreach (var (key, value) in rest.ToArray())
            {
                rest.Remove(key);
                o.TryAdd(key, value);
            }
        }
    }
}
