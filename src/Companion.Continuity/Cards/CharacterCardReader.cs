using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Events;

namespace Companion.Continuity.Cards;

/// <summary>
/// Reads a persona from a Character Card V2 (<c>chara_card_v2</c>) or V3 (<c>chara_card_v3</c>)
/// JSON object, so a companion can arrive from other software. The card's <c>data.extensions</c>
/// object is kept as it is (less our own <c>companion_grains</c> key, which described the
/// companion the card was exported from); V3's extra fields (assets, nicknames, multilingual
/// notes, group greetings) have no place in a persona and are not kept.
/// </summary>
public static class CharacterCardReader
{
    /// <summary>Our key inside <c>data.extensions</c> of the cards we export.</summary>
    public const string OwnExtensionKey = "companion_grains";

    /// <summary>The companion's name and persona; <see cref="FormatException"/> saying what is wrong otherwise.</summary>
    public static (string Name, Persona Persona) Read(JsonElement card)
    {
        if (card.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A character card must be a JSON object.");
        }

        var spec = card.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (spec is not ("chara_card_v2" or "chara_card_v3"))
        {
            throw new FormatException($"Unsupported card spec '{spec ?? "(none)"}': send a Character Card V2 ('chara_card_v2') or V3 ('chara_card_v3').");
        }

        if (!card.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The card has no 'data' object.");
        }

        var persona = new Persona(
            Text(data, "description"),
            Text(data, "personality"),
            Text(data, "scenario"),
            Text(data, "first_mes"),
            Text(data, "mes_example"),
            Text(data, "system_prompt"),
            Text(data, "creator_notes"),
            Tags(data),
            Extensions(data));
        return (Text(data, "name"), persona);
    }

    private static string Text(JsonElement data, string field) =>
        !data.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null
            ? ""
            : value.ValueKind == JsonValueKind.String
                ? value.GetString() ?? ""
                : throw new FormatException($"'data.{field}' must be a string.");

    private static ImmutableArray<string> Tags(JsonElement data)
    {
        if (!data.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return tags.ValueKind == JsonValueKind.Array && tags.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
            ? [.. tags.EnumerateArray().Select(t => t.GetString() ?? "")]
            : throw new FormatException("'data.tags' must be an array of strings.");
    }

    private static string? Extensions(JsonElement data)
    {
        if (!data.TryGetProperty("extensions", out var extensions) || extensions.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (extensions.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("'data.extensions' must be a JSON object.");
        }

        var copy = JsonObject.Create(extensions) ?? throw new FormatException("'data.extensions' must be a JSON object.");
        copy.Remove(OwnExtensionKey);
        return copy.Count == 0 ? null : copy.ToJsonString();
    }
}
