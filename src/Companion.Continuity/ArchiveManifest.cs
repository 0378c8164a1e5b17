using System.Collections.Immutable;
using System.Text.Json;
using Companion.EventLog;

namespace Companion.Continuity;

/// <summary>What <c>manifest.json</c> says about an archive: which history it holds and who made it.</summary>
/// <param name="Format">Always <see cref="ArchiveFormat.Name"/>.</param>
/// <param name="FormatVersion">The archive format's version.</param>
/// <param name="UserId">The user (and stream) the history belongs to.</param>
/// <param name="StreamVersion">The version of the newest event.</param>
/// <param name="HeadHash">The hash of the newest event: names the whole history exactly.</param>
/// <param name="EventCounts">How many events of each stored type, by name.</param>
/// <param name="FirstEventAt">When the oldest event happened.</param>
/// <param name="LastEventAt">When the newest event happened.</param>
/// <param name="ExportedAt">When the archive was written.</param>
/// <param name="Producer">The software and version that wrote it.</param>
public sealed record ArchiveManifest(
    string Format,
    int FormatVersion,
    string UserId,
    long StreamVersion,
    string HeadHash,
    ImmutableSortedDictionary<string, long> EventCounts,
    DateTimeOffset FirstEventAt,
    DateTimeOffset LastEventAt,
    DateTimeOffset ExportedAt,
    string Producer)
{
    /// <summary>The manifest as the archive stores it: indented JSON, fields in a fixed order.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EventJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("userId", UserId);
            writer.WriteNumber("streamVersion", StreamVersion);
            writer.WriteString("headHash", HeadHash);
            writer.WriteStartObject("eventCounts");
            foreach (var (type, count) in EventCounts)
            {
                writer.WriteNumber(type, count);
            }

            writer.WriteEndObject();
            writer.WriteString("firstEventAt", EnvelopeJson.FormatTime(FirstEventAt));
            writer.WriteString("lastEventAt", EnvelopeJson.FormatTime(LastEventAt));
            writer.WriteString("exportedAt", EnvelopeJson.FormatTime(ExportedAt));
            writer.WriteString("producer", Producer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest. Throws <see cref="FormatException"/> saying which field is missing or wrong.</summary>
    public static ArchiveManifest Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("manifest.json must hold a JSON object.");
            }

            var counts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            foreach (var count in Required(root, "eventCounts").EnumerateObject())
            {
                counts[count.Name] = count.Value.GetInt64();
            }

            return new ArchiveManifest(
                Text(root, "format"),
                Required(root, "formatVersion").GetInt32(),
                Text(root, "userId"),
                Required(root, "streamVersion").GetInt64(),
                Text(root, "headHash"),
                counts.ToImmutable(),
                Required(root, "firstEventAt").GetDateTimeOffset(),
                Required(root, "lastEventAt").GetDateTimeOffset(),
                Required(root, "exportedAt").GetDateTimeOffset(),
                Text(root, "producer"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"manifest.json is not valid: {e.Message}", e);
        }
    }

    private static string Text(JsonElement root, string name) =>
        Required(root, name).GetString() ?? throw new FormatException($"manifest.json: '{name}' is null.");

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new FormatException($"manifest.json has no '{name}'.");
}
