namespace Companion.EventLog;

/// <summary>The version and hash of a stream's newest event.</summary>
/// <param name="Version">0 for an empty stream.</param>
/// <param name="Hash">The head hash; <see cref="EnvelopeChain.GenesisHash"/> for an empty stream.</param>
public sealed record StreamHead(long Version, string Hash)
{
    /// <summary>The head of a stream with no events.</summary>
    public static StreamHead Empty { get; } = new(0, EnvelopeChain.GenesisHash);
}

/// <summary>A stream as the catalog lists it.</summary>
/// <param name="Stream">The stream name (a user id).</param>
/// <param name="Version">Its current version.</param>
/// <param name="HeadHash">Its head hash.</param>
/// <param name="UpdatedAt">When it was last appended to.</param>
public sealed record StreamInfo(string Stream, long Version, string HeadHash, DateTimeOffset UpdatedAt);

/// <summary>Derived state saved at a version.</summary>
/// <param name="Stream">The stream it was derived from.</param>
/// <param name="Version">The version it includes, inclusive.</param>
/// <param name="HeadHash">The hash of the event at <paramref name="Version"/>: names the state exactly.</param>
/// <param name="StateSchema">The schema version of the state's shape; a reader ignores a schema it does not know.</param>
/// <param name="State">The serialized state.</param>
/// <param name="CreatedAt">When the snapshot was taken.</param>
public sealed record Snapshot(string Stream, long Version, string HeadHash, int StateSchema, ReadOnlyMemory<byte> State, DateTimeOffset CreatedAt);

/// <summary>
/// The stream was not at the expected version (or its head did not match the chain): another
/// writer got there first. Re-read and decide again.
/// </summary>
public sealed class EventLogConflictException(string stream, long expectedVersion, long actualVersion, string? detail = null)
    : Exception($"Stream '{stream}' is at version {actualVersion}, not the expected {expectedVersion}.{(detail is null ? "" : " " + detail)}")
{
    /// <summary>The stream appended to.</summary>
    public string Stream { get; } = stream;

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The version the stream is at.</summary>
    public long ActualVersion { get; } = actualVersion;
}
