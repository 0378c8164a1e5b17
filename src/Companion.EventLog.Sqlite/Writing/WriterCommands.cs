using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>The writer's statements, prepared once on its connection and reused by every batch.</summary>
internal sealed class WriterCommands : IDisposable
{
    private static readonly object EmptyHead = SqliteValues.StoreHash(EnvelopeChain.GenesisHash);

    private readonly SqliteCommand _readHead;
    private readonly SqliteCommand _addStream;
    private readonly RawStatement _insertEvent;
    private readonly RawStatement _updateHead;
    private readonly SqliteCommand _insertSnapshot;
    private readonly SqliteCommand _eraseStream;
    private readonly SqliteCommand _probe;
    private readonly SqliteCommand _dataVersion;

    // The per-append statements' parameter indexes, looked up once.
    private readonly SqliteParameter _readHeadStream;
    private readonly int[] _insertEventValues;
    private readonly int[] _updateHeadValues;

    public WriterCommands(SqliteConnection connection)
    {
        _readHead = Prepare(connection, "SELECT id, version, head_hash FROM streams WHERE stream = $stream;",
            ("$stream", SqliteType.Text));

        _addStream = Prepare(connection, """
            INSERT INTO streams (stream, version, head_hash, updated_at) VALUES ($stream, 0, $empty, NULL) RETURNING id;
            """,
            ("$stream", SqliteType.Text), ("$empty", null));

        // The two statements every append runs go through SQLite's own API (RawStatement says why).
        _insertEvent = new RawStatement(connection, """
            INSERT INTO events (stream_id, version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash)
            VALUES ($stream_id, $version, $type, $schema_version, $occurred_at, $idempotency_key, $payload, $previous_hash, $hash);
            """);
        _insertEventValues = [.. new[] { "$stream_id", "$version", "$type", "$schema_version", "$occurred_at", "$idempotency_key", "$payload", "$previous_hash", "$hash" }
            .Select(_insertEvent.IndexOf)];

        _updateHead = new RawStatement(connection, "UPDATE streams SET version = $version, head_hash = $head_hash, updated_at = $updated_at WHERE id = $id;");
        _updateHeadValues = [.. new[] { "$id", "$version", "$head_hash", "$updated_at" }.Select(_updateHead.IndexOf)];

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

        _probe = Prepare(connection, """
            INSERT INTO write_probe (id, probed_at) VALUES (1, $probed_at)
            ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at;
            """,
            ("$probed_at", SqliteType.Text));

        _dataVersion = Prepare(connection, "PRAGMA data_version;");
    }

    /// <summary>
    /// Runs the statements inside <paramref name="transaction"/> (Microsoft.Data.Sqlite requires it
    /// to be named; the raw statements run in the connection's open transaction by themselves).
    /// </summary>
    public void Enlist(SqliteTransaction transaction)
    {
        _readHead.Transaction = transaction;
        _addStream.Transaction = transaction;
        _insertSnapshot.Transaction = transaction;
        _eraseStream.Transaction = transaction;
        _probe.Transaction = transaction;
        _dataVersion.Transaction = transaction;
    }

    /// <summary>SQLite's <c>data_version</c>: it moves when another connection commits to the file.</summary>
    public long DataVersion() => (long)(_dataVersion.ExecuteScalar() ?? throw new InvalidOperationException("PRAGMA data_version returned nothing."));

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
        var index = _insertEventValues;
        var insert = _insertEvent;
        insert.Bind(index[0], streamId);
        insert.Bind(index[1], row.Version);
        insert.BindText(index[2], row.Type);
        insert.Bind(index[3], row.SchemaVersion);
        insert.Bind(index[4], row.OccurredAt);
        if (row.IdempotencyKey is { } key)
        {
            insert.BindText(index[5], key);
        }
        else
        {
            insert.BindNull(index[5]);
        }

        insert.BindBlob(index[6], row.Payload.Span);
        insert.BindHash(index[7], row.PreviousHash);
        insert.BindHash(index[8], row.Hash);
        insert.Execute();
    }

    public void UpdateHead(long streamId, long version, object hash, string updatedAt)
    {
        var index = _updateHeadValues;
        _updateHead.Bind(index[0], streamId);
        _updateHead.Bind(index[1], version);
        _updateHead.BindHash(index[2], hash);
        _updateHead.BindText(index[3], updatedAt);
        _updateHead.Execute();
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
        _dataVersion.Dispose();
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
