using System.Diagnostics;
using System.Runtime.CompilerServices;
using Companion.EventLog.Encryption;
using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Keys;

/// <summary>
/// The data keys in their own SQLite file, apart from the events (a copy of <c>events.db</c>
/// alone is ciphertext). WAL with durable commits; <c>secure_delete</c> so a destroyed key is
/// overwritten with zeros, and a WAL checkpoint after each destruction that empties the log, so no
/// old page keeps it. An open read would hold the log's old pages, so reads are kept short: the
/// listing reads a page of keys at a time. Writes are rare (one per user, one per erasure, one
/// per rotation) and take turns.
/// </summary>
public sealed class SqliteDataKeyStore : IDataKeyStore, IDisposable
{
    private const int ListPageSize = 256;
    private static readonly TimeSpan CheckpointTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CreateOnce _schema;

    /// <summary>Opens (creating when missing) the key file at <paramref name="dataSource"/>.</summary>
    public SqliteDataKeyStore(string dataSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        var path = Path.GetFullPath(dataSource);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        PrivateDatabaseFile.Ensure(path);

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new CreateOnce(CreateSchemaAsync);
    }

    /// <inheritdoc />
    public async Task<DataKeyEntry?> GetAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await GetAsync(connection, stream, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DataKeyEntry> AddAsync(string stream, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO data_keys (stream, master_key_id, wrapped, erased_at) VALUES ($stream, $id, $wrapped, NULL) ON CONFLICT (stream) DO NOTHING;";
                insert.Parameters.AddWithValue("$stream", stream);
                insert.Parameters.AddWithValue("$id", key.MasterKeyId);
                insert.Parameters.AddWithValue("$wrapped", key.Wrapped.ToArray());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            return await GetAsync(connection, stream, cancellationToken)
                ?? throw new InvalidOperationException($"The key of stream '{stream}' was not stored.");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> RewrapAsync(string stream, WrappedDataKey expected, WrappedDataKey replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(replacement);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var update = connection.CreateCommand();
            update.CommandText = """
                UPDATE data_keys SET master_key_id = $new_id, wrapped = $new_wrapped
                WHERE stream = $stream AND master_key_id = $id AND wrapped = $wrapped AND erased_at IS NULL;
                """;
            update.Parameters.AddWithValue("$stream", stream);
            update.Parameters.AddWithValue("$id", expected.MasterKeyId);
            update.Parameters.AddWithValue("$wrapped", expected.Wrapped.ToArray());
            update.Parameters.AddWithValue("$new_id", replacement.MasterKeyId);
            update.Parameters.AddWithValue("$new_wrapped", replacement.Wrapped.ToArray());
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task DestroyAsync(string stream, DateTimeOffset erasedAt, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using (var destroy = connection.CreateCommand())
            {
                destroy.CommandText = """
                    INSERT INTO data_keys (stream, master_key_id, wrapped, erased_at) VALUES ($stream, NULL, NULL, $at)
                    ON CONFLICT (stream) DO UPDATE SET master_key_id = NULL, wrapped = NULL, erased_at = coalesce(erased_at, $at);
                    """;
                destroy.Parameters.AddWithValue("$stream", stream);
                destroy.Parameters.AddWithValue("$at", erasedAt.ToUnixTimeMilliseconds());
                await destroy.ExecuteNonQueryAsync(cancellationToken);
            }

            await EmptyWriteAheadLogAsync(connection, stream, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads a page of keys at a time, each page in a read of its own that ends before the page is
    /// handed out, so a caller working through the list (a rotation) never holds a read open
    /// across a destruction, which would keep the destroyed key's old page in the log.
    /// </remarks>
    public async IAsyncEnumerable<DataKeyEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await ReadPageAsync(after, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < ListPageSize)
            {
                yield break;
            }

            after = page[^1].Stream;
        }
    }

    /// <summary>Closes pooled connections.</summary>
    public void Dispose()
    {
        using var idle = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(idle);
        _writeGate.Dispose();
    }

    private async Task<List<DataKeyEntry>> ReadPageAsync(string? after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = after is null
            ? "SELECT stream, master_key_id, wrapped, erased_at FROM data_keys ORDER BY stream LIMIT $limit;"
            : "SELECT stream, master_key_id, wrapped, erased_at FROM data_keys WHERE stream > $after ORDER BY stream LIMIT $limit;";
        select.Parameters.AddWithValue("$limit", ListPageSize);
        if (after is not null)
        {
            select.Parameters.AddWithValue("$after", after);
        }

        var page = new List<DataKeyEntry>(ListPageSize);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(Read(reader));
        }

        return page;
    }

    /// <summary>
    /// Copies the write-ahead log into the database and truncates it, so the destroyed key's old
    /// page is in neither file. A reader still on an older snapshot keeps the log from being
    /// emptied (the checkpoint answers busy); reads are short, so this waits for them, and
    /// throws, the key already gone from every query, if they outlast the timeout.
    /// </summary>
    private static async Task EmptyWriteAheadLogAsync(SqliteConnection connection, string stream, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            await using (var checkpoint = connection.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0)
                {
                    return;
                }
            }

            if (Stopwatch.GetElapsedTime(started) > CheckpointTimeout)
            {
                throw new IOException(
                    $"The key of stream '{stream}' is destroyed, but readers kept the key file's write-ahead log, which may still hold it, "
                    + $"from being emptied for {CheckpointTimeout.TotalSeconds:0} s. Destroy the key again to finish.");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }

    private static async Task<DataKeyEntry?> GetAsync(SqliteConnection connection, string stream, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT stream, master_key_id, wrapped, erased_at FROM data_keys WHERE stream = $stream;";
        select.Parameters.AddWithValue("$stream", stream);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static DataKeyEntry Read(SqliteDataReader reader)
    {
        var stream = reader.GetString(0);
        var key = reader.IsDBNull(1) || reader.IsDBNull(2) ? null : new WrappedDataKey(reader.GetString(1), (byte[])reader.GetValue(2));
        var erasedAt = reader.IsDBNull(3) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));
        return new DataKeyEntry(stream, key, erasedAt);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync();
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the table once; a failed attempt (a disk not there yet) is tried again by the next caller.</summary>
    private Task EnsureSchemaAsync() => _schema.EnsureAsync();

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var create = connection.CreateCommand();
        create.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS data_keys (
                stream TEXT NOT NULL PRIMARY KEY,
                master_key_id TEXT NULL,
                wrapped BLOB NULL,
                erased_at INTEGER NULL,
                CHECK ((wrapped IS NULL) = (master_key_id IS NULL)),
                CHECK (erased_at IS NULL OR wrapped IS NULL)
            ) STRICT;
            """;
        await create.ExecuteNonQueryAsync();
    }
}
