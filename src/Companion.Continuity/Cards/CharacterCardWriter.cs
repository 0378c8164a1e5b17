using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Continuity.Lorebooks;
using Companion.Domain.State;
using Companion.EventLog;

namespace Companion.Continuity.Cards;

/// <summary>
/// A companion's persona as a Character Card V2 or V3, so it can be loaded by other companion
/// software. A companion that arrived as a card leaves as that same card, every field as it
/// came, with only the persona fields revised here changed and our own data added under
/// <see cref="ExtensionKey"/>; any other companion gets a card built from its persona. The card's
/// <c>character_book</c> stays as it came while the companion's lorebook is the card's own, unchanged;
/// once the lorebook is edited or another is imported, the card carries the current book instead.
/// </summary>
public static class CharacterCardWriter
{
    /// <summary>Our key inside <c>data.extensions</c>.</summary>
    public const string ExtensionKey = CharacterCardReader.OwnExtensionKey;

    /// <summary>The card's JSON (UTF-8, indented, ending in a newline) as <paramref name="spec"/> (<see cref="CardSpec.V2"/> or <see cref="CardSpec.V3"/>).</summary>
    public static byte[] Render(CompanionState companion, string spec = CardSpec.V2)
    {
        var card = Card(companion, spec);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EventJson.Options.Encoder }))
        {
            card.WriteTo(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static JsonObject Card(CompanionState companion, string spec)
    {
        var persona = companion.Persona;
        var card = persona.Card is { } kept && JsonNode.Parse(kept) is JsonObject stored ? stored : Fresh(companion);
        var data = card["data"] as JsonObject ?? [];
        card["data"] = data;
        var from = card["spec"]?.GetValueKind() == JsonValueKind.String ? card["spec"]!.GetValue<string>() : null;
        if (from != spec)
        {
            card["spec"] = spec;
            card["spec_version"] = spec == CardSpec.V3 ? "3.0" : "2.0";
        }

        if (spec == CardSpec.V3 && data["group_only_greetings"] is null)
        {
            data["group_only_greetings"] = new JsonArray(); // required by V3
        }

        if (companion.Lorebook is { IsTheCardsOwn: false } lorebook)
        {
            // The book changed since the card came (or came apart from it): the card carries it as it is now.
            data["character_book"] = LorebookWriter.CharacterBook(lorebook.Book);
        }

        Revise(data, "name", companion.Name);
        foreach (var (field, value) in CardSpec.TextFields)
        {
            Revise(data, field, value(persona));
        }

        if (!CharacterCardReader.Tags(data).SequenceEqual(persona.Tags))
        {
            data["tags"] = new JsonArray([.. persona.Tags.Select(t => JsonValue.Create(t))]);
        }

        var extensions = data["extensions"] as JsonObject;
        var revised = Parse(persona.Extensions);
        if (!JsonNode.DeepEquals(Parse(CharacterCardReader.Extensions(data)), revised))
        {
            extensions = revised as JsonObject ?? [];
        }

        extensions ??= [];
        extensions.Remove(ExtensionKey);
        var own = new JsonObject
        {
            ["companion_id"] = companion.Id,
            ["persona_revision"] = companion.PersonaRevision,
            ["created_at"] = EnvelopeJson.FormatTime(companion.CreatedAt),
        };
        if (revised is JsonValue unreadable)
        {
            own["persona_extensions_text"] = unreadable.DeepClone();
        }

        extensions[ExtensionKey] = own;
        data["extensions"] = extensions;
        return card;
    }

    /// <summary>Sets a text field only where the persona differs from the card, so a field the card left out stays out.</summary>
    private static void Revise(JsonObject data, string field, string value)
    {
        var current = data[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : data[field] is null ? "" : null;
        if (current != value)
        {
            data[field] = value;
        }
    }

    private static JsonNode? Parse(string? json)
    {
        try
        {
            return json is null ? null : JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Extensions text from before it was checked to be an object: kept as the text it is.
            return JsonValue.Create(json);
        }
    }

    /// <summary>A card for a companion that did not come from one, in the order this service always wrote it.</summary>
    private static JsonObject Fresh(CompanionState companion)
    {
        var persona = companion.Persona;
        return new JsonObject
        {
            ["spec"] = CardSpec.V2,
            ["spec_version"] = "2.0",
            ["data"] = new JsonObject
            {
                ["name"] = companion.Name,
                ["description"] = persona.Description,
                ["personality"] = persona.Personality,
                ["scenario"] = persona.Scenario,
                ["first_mes"] = persona.FirstMessage,
                ["mes_example"] = persona.ExampleMessages,
                ["creator_notes"] = persona.CreatorNotes,
                ["system_prompt"] = persona.SystemPrompt,
                ["post_history_instructions"] = "",
                ["alternate_greetings"] = new JsonArray(),
                ["tags"] = new JsonArray([.. persona.Tags.Select(t => JsonValue.Create(t))]),
                ["creator"] = "",
                ["character_version"] = companion.PersonaRevision.ToString(CultureInfo.InvariantCulture),
                ["extensions"] = Parse(persona.Extensions) as JsonObject ?? [],
            },
        };
    }
}
