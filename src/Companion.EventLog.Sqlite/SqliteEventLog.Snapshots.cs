using Companion.EventLog.Sqlite.Writing;

namespace Companion.EventLog.Sqlite;

public sealed partial class SqliteEventLog
{
    /// <inheritdoc />
    /// <remarks>Goes through the writer like an append, so it commits in the same group as appends.</remarks>
    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.Stream, nameof(snapshot));
        return Enqueue(new SnapshotRequest(snapshot), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Goes through the writer. The writer runs with <c>secure_delete</c>, so the erased rows'
    /// bytes are overwritten in the file, and completes the erasure only once it has truncated
    /// the write-ahead log after the commit, so no copy of them stays behind there either. Reads
    /// are short, so that takes milliseconds; should readers hold the log past
    /// <see cref="SqliteEventLogOptions.ErasureCheckpointTimeout"/>, this throws and the writer keeps trying.
    /// </remarks>
    public Task EraseStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return Enqueue(new EraseRequest(stream), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Snapshot?> LoadNewestSnapshotAsync(string stream, CancellationToken cancellationToken = default) =>
        LoadSnapshotAtOrBeforeAsync(stream, long.MaxValue, cancellationToken);

    /// <inheritdoc />
    public async Task<Snapshot?> LoadSnapshotAtOrBeforeAsync(string stream, long version, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, head_hash, state_schema, state, created_at FROM snapshots
            WHERE stream_id = (SELECT id FROM streams WHERE stream = $stream) AND version <= $version
            ORDER BY version DESC LIMIT 1;
            """;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Snapshot(stream, reader.GetInt64(0), SqliteValues.ReadHash(reader, 1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3), SqliteValues.ParseTime(reader.GetString(4)))
            : null;
    }
}
