using Companion.EventLog.Diagnostics;
using Companion.EventLog.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite;

/// <summary>
/// The embedded event log: one SQLite file in write-ahead-log mode with durable commits
/// (<c>synchronous=FULL</c>). One writer task owns the only write connection and commits
/// concurrent appends and snapshot saves together, one transaction per batch (group commit);
/// reads use their own pooled connections and never wait for the writer.
/// </summary>
/// <remarks>
/// Streams are ordered by SQLite's binary collation, i.e. by the UTF-8 bytes of their names, which
/// matches ordinal order for every name without characters at or above U+E000.
/// </remarks>
public sealed partial class SqliteEventLog : IEventLog, IAsyncDisposable, IDisposable
{
    private readonly string _readConnectionString;
    private readonly GroupCommitWriter _writer;
    private int _disposed;

    /// <summary>Opens (or creates) the database, applies pending schema scripts and starts the writer.</summary>
    /// <param name="options">Where the file is and how the writer batches.</param>
    /// <param name="clock">The clock for <see cref="StreamInfo.UpdatedAt"/>; the system clock when null.</param>
    /// <param name="metrics">Where the writer records its batch sizes; none when null.</param>
    public SqliteEventLog(SqliteEventLogOptions options, TimeProvider? clock = null, CompanionMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataSource, "options.DataSource");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, "options.MaxBatchSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, "options.BusyTimeout");

        var path = Path.GetFullPath(options.DataSource);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        PrivateDatabaseFile.Ensure(path);

        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        _readConnectionString = connection.ToString();
        connection.Pooling = false;
        _writer = new GroupCommitWriter(connection.ToString(), options.MaxBatchSize, options.BusyTimeout, clock ?? TimeProvider.System, metrics);
    }

    /// <summary>How many write transactions have committed since the log was opened.</summary>
    internal long CommittedBatches => _writer.CommittedBatches;

    /// <summary>How many write requests wait for the writer to take them.</summary>
    internal int QueuedWriteRequests => _writer.QueuedRequests;

    /// <summary>The write connection's journal mode.</summary>
    internal string WriterJournalMode => _writer.JournalMode;

    /// <summary>The write connection's synchronous level (2 is FULL).</summary>
    internal long WriterSynchronous => _writer.Synchronous;

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (!_writer.IsRunning)
        {
            throw new InvalidOperationException("The SQLite event log's writer has stopped.");
        }

        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Stops taking writes, commits everything already queued, and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync();
        using var idle = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(idle);
    }

    /// <summary>Same as <see cref="DisposeAsync"/>, for containers that dispose synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
