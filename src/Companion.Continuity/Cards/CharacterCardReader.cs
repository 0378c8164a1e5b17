using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Continuity.Lorebooks;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;

namespace Companion.Continuity.Cards;

/// <summary>
/// Reads a persona from a Character Card V1 (flat fields), V2 (<c>chara_card_v2</c>) or V3
/// (<c>chara_card_v3</c>) JSON object, so a companion can arrive from other software. Nothing
/// is dropped: the whole card, every field known or not, is kept in <see cref="Persona.Card"/>
/// (less our own <c>companion_grains</c> extension, which described the companion the card was
/// exported from), and the persona's fields are read from it.
/// </summary>
public static class CharacterCardReader
{
    /// <summary>Our key inside <c>data.extensions</c> of the cards we export.</summary>
    public const string OwnExtensionKey = "companion_grains";

    /// <summary>The companion's name and persona; <see cref="FormatException"/> saying what is wrong otherwise.</summary>
    public static CardReading Read(JsonElement card)
    {
        try
        {
            return ReadObject(card);
        }
        catch (ArgumentException)
        {
            // JsonObject refuses an object that names a property twice.
            throw new CardFormatException("The card names a property twice in one object: each name may appear once.");
        }
    }

    private static CardReading ReadObject(JsonElement card)
    {
        if (card.ValueKind != JsonValueKind.Object)
        {
            throw new CardFormatException("A character card must be a JSON object.");
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        var whole = JsonObject.Create(card) ?? throw new CardFormatException("A character card must be a JSON object.");
        if (!card.TryGetProperty("spec", out var s))
        {
            whole = FromV1(whole);
            warnings.Add("A Character Card V1 (flat fields) was read as V2: every field it had now sits under 'data'.");
        }
        else
        {
            var spec = s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (spec is not (CardSpec.V2 or CardSpec.V3))
            {
                throw new CardFormatException($"Unsupported card spec '{spec ?? "(none)"}': send a Character Card V1 (flat fields, no 'spec'), V2 ('chara_card_v2') or V3 ('chara_card_v3').");
            }
        }

        if (whole["data"] is not JsonObject data)
        {
            throw new CardFormatException("The card has no 'data' object.");
        }

        var extensions = Extensions(data);
        (data["extensions"] as JsonObject)?.Remove(OwnExtensionKey);

        var persona = new Persona(
            Text(data, "description"),
            Text(data, "personality"),
            Text(data, "scenario"),
            Text(data, "first_mes"),
            Text(data, "mes_example"),
            Text(data, "system_prompt"),
            Text(data, "creator_notes"),
            Tags(data),
            extensions,
            whole.ToJsonString());
        return new CardReading(Text(data, "name"), persona, warnings.ToImmutable(), Book(data));
    }

    /// <summary>The card's <c>character_book</c> as a lorebook; null when it has none.</summary>
    private static Lorebook? Book(JsonObject data)
    {
        try
        {
            return data["character_book"] switch
            {
                null => null,
                JsonObject book => LorebookReader.CharacterBook(book),
                _ => throw new CardFormatException("'data.character_book' must be a lorebook object ({\"entries\":[…]})."),
            };
        }
        catch (LorebookFormatException e)
        {
            throw new CardFormatException($"'data.character_book' cannot be read: {e.Message}");
        }
    }

    /// <summary>A flat V1 card as V2: every top-level field, known or not, moves under <c>data</c>.</summary>
    private static JsonObject FromV1(JsonObject flat)
    {
        if (flat["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
        {
            throw new CardFormatException("The card has no 'spec' and no string 'name': send a Character Card V1 (flat 'name', 'description', …), V2 ('chara_card_v2') or V3 ('chara_card_v3').");
        }

        var data = new JsonObject();
        foreach (var (key, value) in flat.ToArray())
        {
            flat.Remove(key);
            data[key] = value;
        }

        return new JsonObject { ["spec"] = CardSpec.V2, ["spec_version"] = "2.0", ["data"] = data };
    }

    /// <summary>A text field of a card's <c>data</c>: missing or null reads as empty.</summary>
    internal static string Text(JsonObject data, string field) =>
        data[field] switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw new CardFormatException($"'data.{field}' must be a string."),
        };

    internal static ImmutableArray<string> Tags(JsonObject data) =>
        data["tags"] switch
        {
            null => [],
            JsonArray tags when tags.All(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String) => [.. tags.Select(t => t!.GetValue<string>())],
            _ => throw new CardFormatException("'data.tags' must be an array of strings."),
        };

    /// <summary>The card's extensions as text, less our own key; null when there are none.</summary>
    internal static string? Extensions(JsonObject data)
    {
        switch (data["extensions"])
        {
            case null:
                return null;
            case JsonObject extensions:
                var copy = (JsonObject)extensions.DeepClone();
                copy.Remove(OwnExtensionKey);
                return copy.Count == 0 ? null : copy.ToJsonString();
            default:
                throw new CardFormatException("'data.extensions' must be a JSON object.");
        }
    }
}
