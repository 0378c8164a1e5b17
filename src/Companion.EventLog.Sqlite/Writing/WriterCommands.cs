using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>The writer's statements, prepared once on its connection and reused by every batch.</summary>
internal sealed class WriterCommands : IDisposable
{
    private readonly SqliteCommand _readHead;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertStream;
    private readonly SqliteCommand _insertSnapshot;
    private readonly SqliteCommand _eraseStream;
    private readonly SqliteCommand _probe;

    public WriterCommands(SqliteConnection connection)
    {
        _readHead = Prepare(connection, "SELECT version, head_hash FROM streams WHERE stream = $stream;",
            ("$stream", SqliteType.Text));

        _insertEvent = Prepare(connection, """
            INSERT INTO events (stream, version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash)
            VALUES ($stream, $version, $type, $schema_version, $occurred_at, $idempotency_key, $payload, $previous_hash, $hash);
            """,
            ("$stream", SqliteType.Text), ("$version", SqliteType.Integer), ("$type", SqliteType.Text),
            ("$schema_version", SqliteType.Integer), ("$occurred_at", SqliteType.Text), ("$idempotency_key", SqliteType.Text),
            ("$payload", SqliteType.Blob), ("$previous_hash", SqliteType.Text), ("$hash", SqliteType.Text));

        _upsertStream = Prepare(connection, """
            INSERT INTO streams (stream, version, head_hash, updated_at) VALUES ($stream, $version, $head_hash, $updated_at)
            ON CONFLICT (stream) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash, updated_at = excluded.updated_at;
            """,
            ("$stream", SqliteType.Text), ("$version", SqliteType.Integer), ("$head_hash", SqliteType.Text), ("$updated_at", SqliteType.Text));

        _insertSnapshot = Prepare(connection, """
            INSERT INTO snapshots (stream, version, head_hash, state_schema, state, created_at)
            SELECT $stream, $version, $head_hash, $state_schema, $state, $created_at
            WHERE NOT EXISTS (SELECT 1 FROM snapshots WHERE stream = $stream AND version >= $version);
            """,
            ("$stream", SqliteType.Text), ("$version", SqliteType.Integer), ("$head_hash", SqliteType.Text),
            ("$state_schema", SqliteType.Integer), ("$state", SqliteType.Blob), ("$created_at", SqliteType.Text));

        _eraseStream = Prepare(connection, """
            DELETE FROM events WHERE stream = $stream;
            DELETE FROM snapshots WHERE stream = $stream;
            DELETE FROM streams WHERE stream = $stream;
            """,
            ("$stream", SqliteType.Text));

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
        _insertEvent.Transaction = transaction;
        _upsertStream.Transaction = transaction;
        _insertSnapshot.Transaction = transaction;
        _eraseStream.Transaction = transaction;
        _probe.Transaction = transaction;
    }

    /// <summary>The stream's head as the transaction sees it, including earlier appends of the same batch.</summary>
    public StreamHead ReadHead(string stream)
    {
        _readHead.Parameters["$stream"].Value = stream;
        using var reader = _readHead.ExecuteReader();
        return reader.Read() ? new StreamHead(reader.GetInt64(0), reader.GetString(1)) : StreamHead.Empty;
    }

    public void InsertEvent(EventEnvelope envelope)
    {
        var parameters = _insertEvent.Parameters;
        parameters["$stream"].Value = envelope.Stream;
        parameters["$version"].Value = envelope.Version;
        parameters["$type"].Value = envelope.Type;
        parameters["$schema_version"].Value = envelope.SchemaVersion;
        parameters["$occurred_at"].Value = SqliteValues.FormatTime(envelope.OccurredAt);
        parameters["$idempotency_key"].Value = (object?)envelope.IdempotencyKey ?? DBNull.Value;
        parameters["$payload"].Value = SqliteValues.ToBlob(envelope.Payload);
        parameters["$previous_hash"].Value = envelope.PreviousHash;
        parameters["$hash"].Value = envelope.Hash;
        _insertEvent.ExecuteNonQuery();
    }

    public void UpsertStream(string stream, StreamHead head, string updatedAt)
    {
        var parameters = _upsertStream.Parameters;
        parameters["$stream"].Value = stream;
        parameters["$version"].Value = head.Version;
        parameters["$head_hash"].Value = head.Hash;
        parameters["$updated_at"].Value = updatedAt;
        _upsertStream.ExecuteNonQuery();
    }

    /// <summary>Inserts the snapshot unless one at or above its version exists.</summary>
    public void InsertSnapshotIfNewest(Snapshot snapshot)
    {
        var parameters = _insertSnapshot.Parameters;
        parameters["$stream"].Value = snapshot.Stream;
        parameters["$version"].Value = snapshot.Version;
        parameters["$head_hash"].Value = snapshot.HeadHash;
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
        _insertEvent.Dispose();
        _upsertStream.Dispose();
        _insertSnapshot.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
