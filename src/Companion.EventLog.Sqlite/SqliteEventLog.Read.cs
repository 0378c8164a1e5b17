using System.Runtime.CompilerServices;

namespace Companion.EventLog.Sqlite;

public sealed partial class SqliteEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// Reads a page at a time, each in a short read of its own that ends before the page is
    /// handed out, so a caller that consumes slowly (an export to a slow client) never holds a
    /// read transaction open: one would pin the write-ahead log, which then grows without bound
    /// under writes and keeps erased rows. Versions never change once written, so pages by
    /// version range add up to the stream; an erasure under way ends the read early.
    /// A page holds at most <see cref="SqliteEventLogOptions.ReadPageSize"/> envelopes and stops
    /// after the one that reaches <see cref="SqliteEventLogOptions.ReadPageBytes"/> bytes of payload.
    /// </remarks>
    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var next = fromVersion;
        while (true)
        {
            var page = await ReadPageAsync(stream, next, cancellationToken);
            foreach (var envelope in page.Envelopes)
            {
                yield return envelope;
            }

            if (!page.MoreMayFollow)
            {
                yield break;
            }

            next = page.Envelopes[^1].Version + 1;
        }
    }

    /// <summary>How many short reads <see cref="ReadAsync"/> has made since the log was opened.</summary>
    internal long ReadPages => Interlocked.Read(ref _readPages);

    private async Task<ReadPage> ReadPageAsync(string stream, long fromVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _readPages);
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash
            FROM events WHERE stream_id = (SELECT id FROM streams WHERE stream = $stream) AND version >= $from
            ORDER BY version LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$from", fromVersion);
        command.Parameters.AddWithValue("$limit", _readPageSize);
        var envelopes = new List<EventEnvelope>();
        long bytes = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var envelope = new EventEnvelope(
                stream,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                SqliteValues.ReadEventTime(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<byte[]>(5),
                SqliteValues.ReadHash(reader, 6),
                SqliteValues.ReadHash(reader, 7));
            envelopes.Add(envelope);
            bytes += envelope.Payload.Length;
            if (bytes >= _readPageBytes)
            {
                return new ReadPage(envelopes, MoreMayFollow: true);
            }
        }

        return new ReadPage(envelopes, MoreMayFollow: envelopes.Count == _readPageSize);
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
            ? new StreamHead(reader.GetInt64(0), SqliteValues.ReadHash(reader, 1))
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

        // Materialised before it is handed out, for the same reason as ReadAsync: no read stays open at the caller's pace.
        var page = new List<StreamInfo>();
        await using (var connection = await OpenReadConnectionAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT stream, version, head_hash, updated_at FROM streams
                WHERE stream > $after AND version > 0 ORDER BY stream LIMIT $limit;
                """;
            // Stream names are never empty, so "" lists from the first.
            command.Parameters.AddWithValue("$after", after ?? "");
            command.Parameters.AddWithValue("$limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                page.Add(new StreamInfo(reader.GetString(0), reader.GetInt64(1), SqliteValues.ReadHash(reader, 2), SqliteValues.ParseTime(reader.GetString(3))));
            }
        }

        foreach (var info in page)
        {
            yield return info;
        }
    }

    private sealed record ReadPage(List<EventEnvelope> Envelopes, bool MoreMayFollow);
}
