using System.Text.Json;
using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.Continuity;

/// <summary>
/// <c>key.json</c>: the user's own data key, so the archive's encrypted payloads can be read
/// without this software and restored anywhere with the same hashes. It says, in the file
/// itself, how to decrypt: AES-256-GCM, the nonce, ciphertext and tag in base64 after
/// <c>cge1:</c>, and the associated data of each event. The archive is the user's copy and
/// already holds their words in the clear (journal, memories, transcripts); keep it as such.
/// </summary>
/// <param name="UserId">The stream the key belongs to.</param>
/// <param name="Key">The 32-byte data key.</param>
public sealed record ArchiveKey(string UserId, ReadOnlyMemory<byte> Key)
{
    /// <summary>The document's format name.</summary>
    public const string Format = "companion-data-key";

    /// <summary>key.json as the archive stores it.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EventJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("formatVersion", 1);
            writer.WriteString("userId", UserId);
            writer.WriteString("algorithm", "AES-256-GCM");
            writer.WriteBase64String("key", Key.Span);
            writer.WriteString("payloads",
                $"An encrypted payload is the JSON string \"{PayloadCipher.Prefix}\" followed by the base64 of: a 12-byte nonce, the ciphertext of the payload's UTF-8 JSON, a 16-byte tag. Payloads that are JSON objects are not encrypted.");
            writer.WriteString("associatedData", "The UTF-8 bytes of \"companion event v1\\n\" + stream + \"\\n\" + version (in decimal), for the event at that version.");
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads key.json. Throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ArchiveKey Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format
                || !root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                throw new FormatException($"key.json must be a '{Format}' document, version 1.");
            }

            var userId = root.TryGetProperty("userId", out var user) && user.ValueKind == JsonValueKind.String ? user.GetString() ?? "" : "";
            if (!root.TryGetProperty("algorithm", out var algorithm) || algorithm.ValueKind != JsonValueKind.String || algorithm.GetString() != "AES-256-GCM")
            {
                throw new FormatException("key.json: 'algorithm' must be AES-256-GCM.");
            }

            var key = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && k.TryGetBytesFromBase64(out var bytes) ? bytes : null;
            return key is { Length: MasterKeyRing.KeyBytes }
                ? new ArchiveKey(userId, key)
                : throw new FormatException($"key.json: 'key' must be {MasterKeyRing.KeyBytes} bytes in base64.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"key.json is not valid: {e.Message}", e);
        }
    }
}
