using Companion.EventLog.Tests.Conformance;
using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// A database file of its own under the temp folder. Every log opened on it is disposed, and the
/// file with its WAL and shared-memory companions deleted, when the test ends.
/// </summary>
public sealed class TemporarySqliteDatabase : IEventLogFixture
{
    private readonly List<SqliteEventLog> _opened = [];

    /// <summary>The database file.</summary>
    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), "companion-eventlog-sqlite-tests", $"{Guid.NewGuid():N}.db");

    /// <summary>Opens a log on the file (again, after a dispose, to prove what survived).</summary>
    public SqliteEventLog Open(Action<SqliteEventLogOptions>? configure = null)
    {
        var options = new SqliteEventLogOptions { DataSource = FilePath };
        configure?.Invoke(options);
        var log = new SqliteEventLog(options);
        lock (_opened)
        {
            _opened.Add(log);
        }

        return log;
    }

    /// <inheritdoc />
    public Task<IEventLog> CreateLogAsync() => Task.FromResult<IEventLog>(Open());

    /// <summary>An unpooled connection of the test's own, to look at or interfere with the file directly.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Takes the database's write lock from another connection and keeps it until disposed, so the
    /// log's writer waits at BEGIN and new requests pile up in its queue.
    /// </summary>
    public IDisposable HoldWriteLock()
    {
        var connection = OpenConnection();
        var transaction = connection.BeginTransaction();
        return new WriteLock(connection, transaction);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var log in _opened)
        {
            await log.DisposeAsync();
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(FilePath + suffix);
        }
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Rollback();
            transaction.Dispose();
            connection.Dispose();
        }
    }
}
