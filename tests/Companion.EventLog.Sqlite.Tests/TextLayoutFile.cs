using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// A database in the layout of schema scripts 0001–0002 (text stream ids, hex hashes, text times
/// in a <c>WITHOUT ROWID</c> table), made with those very scripts and filled with the rows the
/// writer of that layout wrote, statement for statement, so a migration can be tried on it.
/// </summary>
internal sealed class TextLayoutFile(SqliteConnection connection)
{
    /// <summary>Creates the text layout on an empty file, as a build before script 0003 left it.</summary>
    public static TextLayoutFile Create(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        foreach (var (version, name) in new[] { (1, "0001_Schema"), (2, "0002_WriteProbe") })
        {
            Execute(connection, ReadScript(name));
            Execute(connection, $"INSERT INTO schema_migrations VALUES ({version}, '{name}', '2026-11-30T00:00:00.0000000Z');");
        }

        return new TextLayoutFile(connection);
    }

    /// <summary>Appends as that layout's writer did: each event a row of text, then the head upserted.</summary>
    public void Append(IReadOnlyList<EventEnvelope> envelopes, string updatedAt = "2026-11-30T12:00:00.0000000Z")
    {
        foreach (var e in envelopes)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO events (stream, version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash)
                VALUES ($stream, $version, $type, $schema_version, $occurred_at, $idempotency_key, $payload, $previous_hash, $hash);
                """;
            insert.Parameters.AddWithValue("$stream", e.Stream);
            insert.Parameters.AddWithValue("$version", e.Version);
            insert.Parameters.AddWithValue("$type", e.Type);
            insert.Parameters.AddWithValue("$schema_version", e.SchemaVersion);
            insert.Parameters.AddWithValue("$occurred_at", EnvelopeJson.FormatTime(e.OccurredAt));
            insert.Parameters.AddWithValue("$idempotency_key", (object?)e.IdempotencyKey ?? DBNull.Value);
            insert.Parameters.AddWithValue("$payload", e.Payload.ToArray());
            insert.Parameters.AddWithValue("$previous_hash", e.PreviousHash);
            insert.Parameters.AddWithValue("$hash", e.Hash);
            insert.ExecuteNonQuery();
        }

        using var head = connection.CreateCommand();
        head.CommandText = """
            INSERT INTO streams (stream, version, head_hash, updated_at) VALUES ($stream, $version, $head_hash, $updated_at)
            ON CONFLICT (stream) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash, updated_at = excluded.updated_at;
            """;
        head.Parameters.AddWithValue("$stream", envelopes[^1].Stream);
        head.Parameters.AddWithValue("$version", envelopes[^1].Version);
        head.Parameters.AddWithValue("$head_hash", envelopes[^1].Hash);
        head.Parameters.AddWithValue("$updated_at", updatedAt);
        head.ExecuteNonQuery();
    }

    /// <summary>Saves a snapshot as that layout's writer did.</summary>
    public void Save(Snapshot snapshot)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO snapshots (stream, version, head_hash, state_schema, state, created_at) VALUES ($s, $v, $h, $ss, $state, $c);";
        insert.Parameters.AddWithValue("$s", snapshot.Stream);
        insert.Parameters.AddWithValue("$v", snapshot.Version);
        insert.Parameters.AddWithValue("$h", snapshot.HeadHash);
        insert.Parameters.AddWithValue("$ss", snapshot.StateSchema);
        insert.Parameters.AddWithValue("$state", snapshot.State.ToArray());
        insert.Parameters.AddWithValue("$c", EnvelopeJson.FormatTime(snapshot.CreatedAt));
        insert.ExecuteNonQuery();
    }

    /// <summary>Erases as that layout's writer did: every row of the stream.</summary>
    public void Erase(string stream) =>
        Execute(connection, $"DELETE FROM events WHERE stream = '{stream}'; DELETE FROM snapshots WHERE stream = '{stream}'; DELETE FROM streams WHERE stream = '{stream}';");

    public void Execute(string sql) => Execute(connection, sql);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ReadScript(string name)
    {
        var assembly = typeof(SqliteEventLog).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Scripts.{name}.sql", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"{resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
