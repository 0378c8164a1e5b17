using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>The writer's statements, prepared once on its connection and reused by every batch.</summary>
internal sealed class WriterCommands : IDisposable
{
    private static readonly object EmptyHead = SqliteValues.StoreHash(EnvelopeChain.GenesisHash);

    private readonly SqliteCommand _readHead;
    private readonly SqliteCommand _addStream;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _updateHead;
    private readonly SqliteCommand _insertSnapshot;
    private readonly SqliteCommand _eraseStream;
    private readonly SqliteCommand _probe;

    // The per-append statements' parameters, held rather than looked up by name for every row
    // (the collection's name lookup is a linear search with string comparisons).
    private readonly SqliteParameter _readHeadStream;
    private readonly SqliteParameter[] _insertEventValues;
    private readonly SqliteParameter[] _updateHeadValues;

    public WriterCommands(SqliteConnection connection)
    {
        _readHead = Prepare(connection, "SELECT id, version, head_hash FROM streams WHERE stream = $stream;",
            ("$stream", SqliteType.Text));

        _addStream = Prepare(connection, """
            INSERT INTO streams (stream, version, head_hash, updated_at) VALUES ($stream, 0, $empty, NULL) RETURNING id;
            """,
            ("$stream", SqliteType.Text), ("$empty", null));

        _insertEvent = Prepare(connection, """
            INSERT INTO events (stream_id, version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash)
            VALUES ($stream_id, $version, $type, $schema_version, $occurred_at, $idempotency_key, $payload, $previous_hash, $hash);
            """,
            ("$stream_id", SqliteType.Integer), ("$version", SqliteType.Integer), ("$type", SqliteType.Text),
            ("$schema_version", SqliteType.Integer), ("$occurred_at", SqliteType.Integer), ("$idempotency_key", SqliteType.Text),
            ("$payload", SqliteType.Blob), ("$previous_hash", null), ("$hash", null));

        _updateHead = Prepare(connection, "UPDATE streams SET version = $version, head_hash = $head_hash, updated_at = $updated_at WHERE id = $id;",
            ("$id", SqliteType.Integer), ("$version", SqliteType.Integer), ("$head_hash", null), ("$updated_at", SqliteType.Text));

        _insertSnapshot = Prepare(connection, """
            INSERT INTO snapshots (stream_id, version, head_hash, state_schema, state, created_at)
            SELECT $stream_id, $version, $head_hash, $state_schema, $state, $created_at
            WHERE NOT EXISTS (SELECT 1 FROM snapshots WHERE stream_id = $stream_id AND version >= $version);
            """,
            ("$stream_id", SqliteType.Integer), ("$version", SqliteType.Integer), ("$head_hash", null),
            ("$state_schema", SqliteType.Integer), ("$state", SqliteType.Blob), ("$created_at", SqliteType.Text));

        _eraseStream = Prepare(connection, """
            DELETE FROM events WHERE stream_id = (SELECT id FROM streams WHERE stream = $stream);
            DELETE FROM snapshots WHERE stream_id = (SELECT id FROM streams WHERE stream = $stream);
            DELETE FROM streams WHERE stream = $stream;
            """,
            ("$stream", SqliteType.Text));

        _readHeadStream = _readHead.Parameters[0];
        _insertEventValues = [.. _insertEvent.Parameters.Cast<SqliteParameter>()];
        _updateHeadValues = [.. _updateHead.Parameters.Cast<SqliteParameter>()];

        _probe = Prepare(connection, """
            INSERT INTO write_probe (id, probed_at) VALUES (1, $probed_at)
            ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at;
            """,
            ("$probed_at", SqliteType.Text));
    }

    /// <summary>Runs the statements inside <paramref name="transaction"/> (Microsoft.Data.Sqlite requires it to be named).</summary>
    public void Enlist(SqliteTransaction transaction)
    {
        _readHead.Transaction = transaction;
        _addStream.Transaction = transaction;
        _insertEvent.Transaction = transaction;
        _updateHead.Transaction = transaction;
        _insertSnapshot.Transaction = transaction;
        _eraseStream.Transaction = transaction;
        _probe.Transaction = transaction;
    }

    /// <summary>
    /// The stream's id (null when it has no row yet) and head as the transaction sees it,
    /// including earlier appends of the same batch.
    /// </summary>
    public (long? Id, StreamHead Head) ReadHead(string stream)
    {
        _readHeadStream.Value = stream;
        using var reader = _readHead.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new StreamHead(reader.GetInt64(1), SqliteValues.ReadHash(reader, 2)))
            : (null, StreamHead.Empty);
    }

    /// <summary>The stream's id, adding its row (at version 0, unlisted) when it has none.</summary>
    public long EnsureStream(string stream, long? known)
    {
        if (known is { } id)
        {
            return id;
        }

        _addStream.Parameters["$stream"].Value = stream;
        _addStream.Parameters["$empty"].Value = EmptyHead;
        return (long)(_addStream.ExecuteScalar() ?? throw new InvalidOperationException("Adding a stream returned no id."));
    }

    public void InsertEvent(long streamId, StoredEvent row)
    {
        // In the order the statement declares them.
        var parameters = _insertEventValues;
        parameters[0].Value = streamId;
        parameters[1].Value = row.Version;
        parameters[2].Value = row.Type;
        parameters[3].Value = row.SchemaVersion;
        parameters[4].Value = row.OccurredAt;
        parameters[5].Value = row.IdempotencyKey;
        parameters[6].Value = row.Payload;
        parameters[7].Value = row.PreviousHash;
        parameters[8].Value = row.Hash;
        _insertEvent.ExecuteNonQuery();
    }

    public void UpdateHead(long streamId, long version, object hash, string updatedAt)
    {
        var parameters = _updateHeadValues;
        parameters[0].Value = streamId;
        parameters[1].Value = version;
        parameters[2].Value = hash;
        parameters[3].Value = updatedAt;
        _updateHead.ExecuteNonQuery();
    }

    /// <summary>Inserts the snapshot unless one at or above its version exists.</summary>
    public void InsertSnapshotIfNewest(long streamId, Snapshot snapshot)
    {
        var parameters = _insertSnapshot.Parameters;
        parameters["$stream_id"].Value = streamId;
        parameters["$version"].Value = snapshot.Version;
        parameters["$head_hash"].Value = SqliteValues.StoreHash(snapshot.HeadHash);
        parameters["$state_schema"].Value = snapshot.StateSchema;
        parameters["$state"].Value = SqliteValues.ToBlob(snapshot.State);
        parameters["$created_at"].Value = SqliteValues.FormatTime(snapshot.CreatedAt);
        _insertSnapshot.ExecuteNonQuery();
    }

    public void EraseStream(string stream)
    {
        _eraseStream.Parameters["$stream"].Value = stream;
        _eraseStream.ExecuteNonQuery();
    }

    /// <summary>Rewrites the probe row: a write of one small page.</summary>
    public void Probe(string now)
    {
        _probe.Parameters["$probed_at"].Value = now;
        _probe.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _probe.Dispose();
        _eraseStream.Dispose();
        _readHead.Dispose();
        _addStream.Dispose();
        _insertEvent.Dispose();
        _updateHead.Dispose();
        _insertSnapshot.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType? Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            // A hash parameter has no type: it binds bytes or (for an odd stored value) text as given.
            command.Parameters.Add(type is { } known ? new SqliteParameter(name, known) : new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
