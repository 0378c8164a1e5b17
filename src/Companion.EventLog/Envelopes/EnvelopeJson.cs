using System.Globalization;
using System.Text.Json;

namespace Companion.EventLog;

/// <summary>
/// The one JSON form of an envelope, used for hashing (without the hashes), for the
/// <c>events.jsonl</c> of exports and for the HTTP API. Fields are written in a fixed order and
/// the payload verbatim, so the canonical bytes can be rebuilt from any copy of the line.
/// </summary>
public static class EnvelopeJson
{
    /// <summary>Writes the fields the hash covers, in their fixed order.</summary>
    public static void WriteCanonical(Utf8JsonWriter writer, EventEnvelope envelope) => WriteCanonical(writer, CanonicalFields.Of(envelope));

    /// <summary>Writes the fields the hash covers, in their fixed order (sealing, before the envelope exists).</summary>
    internal static void WriteCanonical(Utf8JsonWriter writer, in CanonicalFields fields)
    {
        writer.WriteStartObject();
        WriteFields(writer, fields);
        writer.WriteEndObject();
    }

    /// <summary>Writes the whole envelope, hashes included.</summary>
    public static void Write(Utf8JsonWriter writer, EventEnvelope envelope) => Write(writer, envelope, null);

    /// <summary>
    /// Writes the whole envelope, and after it, when the stored payload is encrypted, the payload
    /// in the clear as <c>decryptedPayload</c> (for the user's own reading; the hash covers
    /// <c>payload</c> as stored, and <see cref="Parse"/> ignores the extra field).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, EventEnvelope envelope, ReadOnlyMemory<byte>? decryptedPayload)
    {
        writer.WriteStartObject();
        WriteFields(writer, CanonicalFields.Of(envelope));
        writer.WriteString("previousHash", envelope.PreviousHash);
        writer.WriteString("hash", envelope.Hash);
        if (decryptedPayload is { } clear)
        {
            writer.WritePropertyName("decryptedPayload");
            writer.WriteRawValue(clear.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads an envelope written by <see cref="Write(Utf8JsonWriter, EventEnvelope)"/>. Throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static EventEnvelope Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("An envelope must be a JSON object.");
            }

            var payload = Required(root, "payload");
            if (payload.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
            {
                throw new FormatException("'payload' must be a JSON object (or a string for encrypted payloads).");
            }

            var key = Required(root, "idempotencyKey");
            return new EventEnvelope(
                Required(root, "stream").GetString() ?? throw new FormatException("'stream' is null."),
                Required(root, "version").GetInt64(),
                Required(root, "type").GetString() ?? throw new FormatException("'type' is null."),
                Required(root, "schemaVersion").GetInt32(),
                DateTimeOffset.ParseExact(Required(root, "occurredAt").GetString() ?? "", "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                key.ValueKind == JsonValueKind.Null ? null : key.GetString(),
                System.Text.Encoding.UTF8.GetBytes(payload.GetRawText()),
                Required(root, "previousHash").GetString() ?? throw new FormatException("'previousHash' is null."),
                Required(root, "hash").GetString() ?? throw new FormatException("'hash' is null."));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"Not a valid envelope: {e.Message}", e);
        }
    }

    /// <summary>The occurred-at time as the canonical form writes it.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static void WriteFields(Utf8JsonWriter writer, in CanonicalFields envelope)
    {
        writer.WriteString("stream", envelope.Stream);
        writer.WriteNumber("version", envelope.Version);
        writer.WriteString("type", envelope.Type);
        writer.WriteNumber("schemaVersion", envelope.SchemaVersion);

        // The text of FormatTime, formatted on the stack ("O" of a UTC time is 28 characters).
        Span<char> time = stackalloc char[64];
        if (!envelope.OccurredAt.UtcDateTime.TryFormat(time, out var length, "O", CultureInfo.InvariantCulture))
        {
            throw new FormatException($"The time of version {envelope.Version} does not format.");
        }

        writer.WriteString("occurredAt", time[..length]);
        if (envelope.IdempotencyKey is null)
        {
            writer.WriteNull("idempotencyKey");
        }
        else
        {
            writer.WriteString("idempotencyKey", envelope.IdempotencyKey);
        }

        writer.WritePropertyName("payload");
        writer.WriteRawValue(envelope.Payload.Span, skipInputValidation: true);
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new FormatException($"The envelope has no '{name}'.");
}
