using System.Security.Cryptography;
using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;

namespace Companion.History;

/// <summary>The stored form of <see cref="UserState"/> (snapshots) and its hash.</summary>
public static class UserStateJson
{
    /// <summary>The state as snapshot bytes.</summary>
    public static byte[] Serialize(UserState state) => JsonSerializer.SerializeToUtf8Bytes(state, EventJson.Options);

    /// <summary>Reads snapshot bytes of the current <see cref="UserState.SchemaVersion"/>.</summary>
    public static UserState Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<UserState>(json, EventJson.Options) ?? throw new FormatException("Snapshot state is null.");

    /// <summary>SHA-256 of the state's JSON, lowercase hex: equal states have equal hashes.</summary>
    public static string Hash(UserState state) => Convert.ToHexStringLower(SHA256.HashData(Serialize(state)));
}
