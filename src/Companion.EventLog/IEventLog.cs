namespace Companion.EventLog;

/// <summary>
/// Appends to streams. One stream per user; versions are 1-based and gap-free.
/// </summary>
public interface IEventAppender
{
    /// <summary>
    /// Appends sealed envelopes (see <see cref="EnvelopeChain"/>) to a stream whose current
    /// version must be <paramref name="expectedVersion"/> and whose head hash must be the first
    /// envelope's previous hash. All envelopes are written or none. The task completes only
    /// when the write is durable.
    /// </summary>
    /// <returns>The stream's new version.</returns>
    /// <exception cref="EventLogConflictException">The stream is not at the expected version and head.</exception>
    Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default);
}

/// <summary>Reads streams.</summary>
public interface IEventReader
{
    /// <summary>Reads a stream in version order, starting at <paramref name="fromVersion"/> (1-based, inclusive).</summary>
    IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, CancellationToken cancellationToken = default);

    /// <summary>The stream's current version and head hash; version 0 and the genesis hash for an empty stream.</summary>
    Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default);
}

/// <summary>Keeps snapshots of derived state so activation does not replay a whole history.</summary>
public interface ISnapshotStore
{
    /// <summary>Saves a snapshot. Saving one that is not newer than the newest is a no-op.</summary>
    Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>The newest snapshot of a stream, or null.</summary>
    Task<Snapshot?> LoadNewestSnapshotAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>The newest snapshot at or below a version, or null (for rebuilding past states).</summary>
    Task<Snapshot?> LoadSnapshotAtOrBeforeAsync(string stream, long version, CancellationToken cancellationToken = default);
}

/// <summary>Lists the streams a log holds.</summary>
public interface IStreamCatalog
{
    /// <summary>Streams in ordinal order of their names, starting after <paramref name="after"/>.</summary>
    IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, CancellationToken cancellationToken = default);
}

/// <summary>Erases streams for real, when a person asks to be forgotten.</summary>
public interface IStreamEraser
{
    /// <summary>
    /// Removes every event, every snapshot and the head of a stream from the storage, so that
    /// afterwards it reads as empty and the catalog no longer lists it. Erasing an unknown
    /// stream does nothing. The only exception to append-only, and only for the whole stream.
    /// </summary>
    Task EraseStreamAsync(string stream, CancellationToken cancellationToken = default);
}

/// <summary>An event log provider: every part of the contract, plus a liveness probe for health checks.</summary>
public interface IEventLog : IEventAppender, IEventReader, ISnapshotStore, IStreamCatalog, IStreamEraser
{
    /// <summary>Throws when the storage cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
