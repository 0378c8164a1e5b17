using System.Globalization;
using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;

namespace Companion.Continuity.Rendering;

/// <summary>
/// A companion's persona as a Character Card V2 (<c>chara_card_v2</c>), so it can be loaded by
/// other companion software. The persona's own <c>extensions</c> object is copied key by key;
/// our data sits beside it under <see cref="ExtensionKey"/>.
/// </summary>
internal static class CharacterCard
{
    /// <summary>Our key inside <c>data.extensions</c>.</summary>
    public const string ExtensionKey = Cards.CharacterCardReader.OwnExtensionKey;

    public static byte[] Render(CompanionState companion)
    {
        var persona = companion.Persona;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EventJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("spec", "chara_card_v2");
            writer.WriteString("spec_version", "2.0");
            writer.WriteStartObject("data");
            writer.WriteString("name", companion.Name);
            writer.WriteString("description", persona.Description);
            writer.WriteString("personality", persona.Personality);
            writer.WriteString("scenario", persona.Scenario);
            writer.WriteString("first_mes", persona.FirstMessage);
            writer.WriteString("mes_example", persona.ExampleMessages);
            writer.WriteString("creator_notes", persona.CreatorNotes);
            writer.WriteString("system_prompt", persona.SystemPrompt);
            writer.WriteString("post_history_instructions", "");
            writer.WriteStartArray("alternate_greetings");
            writer.WriteEndArray();
            writer.WriteStartArray("tags");
            foreach (var tag in persona.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteString("creator", "");
            writer.WriteString("character_version", companion.PersonaRevision.ToString(CultureInfo.InvariantCulture));
            WriteExtensions(writer, companion);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteExtensions(Utf8JsonWriter writer, CompanionState companion)
    {
        writer.WriteStartObject("extensions");
        string? unreadable = null;
        if (companion.Persona.Extensions is { } extensions)
        {
            using var document = JsonDocument.Parse(extensions);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Name != ExtensionKey))
                {
                    property.WriteTo(writer);
                }
            }
            else
            {
                unreadable = extensions;
            }
        }

        writer.WriteStartObject(ExtensionKey);
        writer.WriteString("companion_id", companion.Id);
        writer.WriteNumber("persona_revision", companion.PersonaRevision);
        writer.WriteString("created_at", EnvelopeJson.FormatTime(companion.CreatedAt));
        if (unreadable is not null)
        {
            writer.WriteString("persona_extensions_text", unreadable);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
