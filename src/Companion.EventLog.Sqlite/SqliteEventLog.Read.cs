using System.Runtime.CompilerServices;

namespace Companion.EventLog.Sqlite;

public sealed partial class SqliteEventLog
{
    /// <inheritdoc />
    /// <remarks>Rows stream from one read transaction, so the whole read sees one consistent state.</remarks>
    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash
            FROM events WHERE stream = $stream AND version >= $from ORDER BY version;
            """;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$from", fromVersion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new EventEnvelope(
                stream,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                SqliteValues.ParseTime(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<byte[]>(5),
                reader.GetString(6),
                reader.GetString(7));
        }
    }

    /// <inheritdoc />
    public async Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, head_hash FROM streams WHERE stream = $stream;";
        command.Parameters.AddWithValue("$stream", stream);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StreamHead(reader.GetInt64(0), reader.GetString(1))
            : StreamHead.Empty;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (limit <= 0)
        {
            yield break;
        }

        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT stream, version, head_hash, updated_at FROM streams
            WHERE stream > $after ORDER BY stream LIMIT $limit;
            """;
        // Stream names are never empty, so "" lists from the first.
        command.Parameters.AddWithValue("$after", after ?? "");
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StreamInfo(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), SqliteValues.ParseTime(reader.GetString(3)));
        }
    }
}
