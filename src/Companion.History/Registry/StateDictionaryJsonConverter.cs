using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Companion.Domain.State;

namespace Companion.History;

/// <summary>
/// Reads the state's sorted dictionaries from JSON with the state's own key order
/// (<see cref="StateKeyComparer"/>), as the fold builds them, instead of the default comparer;
/// writes them as System.Text.Json does, so the state's JSON and hash are unchanged.
/// </summary>
internal sealed class StateDictionaryJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>)
        && typeToConvert.GetGenericArguments()[0] == typeof(string);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)(Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[1]))
            ?? throw new InvalidOperationException($"No converter for {typeToConvert}."));

    private sealed class Converter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected an object for a dictionary, found {reader.TokenType}.");
            }

            var builder = ImmutableSortedDictionary.CreateBuilder<string, TValue>(StateKeyComparer.Instance);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString() ?? throw new JsonException("A dictionary key is null.");
                reader.Read();
                builder[key] = JsonSerializer.Deserialize<TValue>(ref reader, options) ?? throw new JsonException($"The value of '{key}' is null.");
            }

            return builder.ToImmutable();
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndObject();
        }
    }
}
