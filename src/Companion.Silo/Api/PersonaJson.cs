using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Companion.Domain.Events;

namespace Companion.Silo.Api;

/// <summary>
/// A persona's <c>extensions</c> is a JSON object on the wire, in and out, though the domain
/// keeps it as the object's text (verbatim, so a card's extensions travel unchanged). Without
/// this, the object a client sent would come back as a JSON string. The card a persona came
/// from (<see cref="Persona.Card"/>) is left out of answers; <c>GET …/card</c> serves it.
/// </summary>
public static class PersonaJson
{
    /// <summary>A <see cref="DefaultJsonTypeInfoResolver"/> modifier: <see cref="Persona.Extensions"/> is written as the object it holds.</summary>
    public static void ExtensionsAsObject(JsonTypeInfo type)
    {
        if (type.Type != typeof(Persona))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string) && property.Name.Equals(nameof(Persona.Extensions), StringComparison.OrdinalIgnoreCase))
            {
                property.CustomConverter = new JsonTextConverter();
            }

            if (property.Name.Equals(nameof(Persona.Card), StringComparison.OrdinalIgnoreCase))
            {
                // The whole card can be large and is not for the model's context: GET …/card serves it.
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }

    /// <summary>Text that holds JSON, written as that JSON; read back from any JSON value as its text.</summary>
    private sealed class JsonTextConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetRawText();
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            try
            {
                writer.WriteRawValue(value);
            }
            catch (JsonException)
            {
                // Text from before extensions were checked to be an object: still shown, as the text it is.
                writer.WriteStringValue(value);
            }
        }
    }
}
