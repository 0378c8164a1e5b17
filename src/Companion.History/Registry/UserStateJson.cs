using System.Security.Cryptography;
using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;

namespace Companion.History;

/// <summary>
/// The JSON form of <see cref="UserState"/>: the archive's snapshot, the API's state, and the state
/// hash; snapshots written before the binary form (<see cref="UserStateBinary"/>) are read with it too.
/// </summary>
public static class UserStateJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The state as JSON bytes.</summary>
    public static byte[] Serialize(UserState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Reads state JSON of the current <see cref="UserState.SchemaVersion"/>.</summary>
    public static UserState Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<UserState>(json, Options) ?? throw new FormatException("Snapshot state is null.");

    /// <summary>SHA-256 of the state's JSON, lowercase hex: equal states have equal hashes.</summary>
    public static string Hash(UserState state) => Convert.ToHexStringLower(SHA256.HashData(Serialize(state)));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(EventJson.Options);
        options.Converters.Add(new StateDictionaryJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
