using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;

namespace Companion.Continuity;

/// <summary>
/// <c>snapshot.json</c>: the state derived from every event of the archive, the schema of that
/// state, the version and head hash it was derived at, and its hash (<see cref="UserStateJson.Hash"/>).
/// </summary>
/// <param name="StateSchemaVersion">The schema of <paramref name="State"/> (<see cref="UserState.SchemaVersion"/> when written).</param>
/// <param name="Version">The stream version the state includes.</param>
/// <param name="HeadHash">The hash of the event at <paramref name="Version"/>.</param>
/// <param name="StateHash">SHA-256 of the state's stored JSON.</param>
/// <param name="State">The state's stored JSON, as <see cref="UserStateJson.Serialize"/> writes it.</param>
public sealed record SnapshotDocument(int StateSchemaVersion, long Version, string HeadHash, string StateHash, ReadOnlyMemory<byte> State)
{
    /// <summary>The snapshot of <paramref name="state"/> at <paramref name="head"/>.</summary>
    public static SnapshotDocument Of(UserState state, StreamHead head) =>
        new(UserState.SchemaVersion, head.Version, head.Hash, UserStateJson.Hash(state), UserStateJson.Serialize(state));

    /// <summary>The document as the archive stores it.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("stateSchemaVersion", StateSchemaVersion);
            writer.WriteNumber("version", Version);
            writer.WriteString("headHash", HeadHash);
            writer.WriteString("stateHash", StateHash);
            writer.WritePropertyName("state");
            writer.WriteRawValue(State.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a document. Throws <see cref="FormatException"/> saying what is missing.</summary>
    public static SnapshotDocument Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new SnapshotDocument(
                Required(root, "stateSchemaVersion").GetInt32(),
                Required(root, "version").GetInt64(),
                Required(root, "headHash").GetString() ?? "",
                Required(root, "stateHash").GetString() ?? "",
                System.Text.Encoding.UTF8.GetBytes(Required(root, "state").GetRawText()));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"snapshot.json is not valid: {e.Message}", e);
        }
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"snapshot.json has no '{name}'.");
}
