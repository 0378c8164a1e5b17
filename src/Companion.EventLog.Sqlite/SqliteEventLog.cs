using Companion.EventLog.Diagnostics;
using Companion.EventLog.Sqlite.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Companion.EventLog.Sqlite;

/// <summary>
/// The embedded event log: one SQLite file in write-ahead-log mode with durable commits
/// (<c>synchronous=FULL</c>). One writer task owns the only write connection and commits
/// concurrent appends and snapshot saves together, one transaction per batch (group commit);
/// reads use their own pooled connections, never wait for the writer, and hold a read only
/// for one short page, so no reader keeps the write-ahead log from being truncated.
/// </summary>
/// <remarks>
/// Streams are ordered by SQLite's binary collation, i.e. by the UTF-8 bytes of their names, which
/// matches ordinal order for every name without characters at or above U+E000.
/// </remarks>
public sealed partial class SqliteEventLog : IEventLog, IAsyncDisposable, IDisposable
{
    private readonly string _readConnectionString;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly GroupCommitWriter _writer;
    private readonly int _readPageSize;
    private readonly int _readPageBytes;
    private long _readPages;
    private int _disposed;

    /// <summary>Opens (or creates) the database, applies pending schema scripts and starts the writer.</summary>
    /// <param name="options">Where the file is and how the writer batches.</param>
    /// <param name="clock">The clock for <see cref="StreamInfo.UpdatedAt"/>; the system clock when null.</param>
    /// <param name="metrics">Where the writer records its batch sizes; none when null.</param>
    /// <param name="logger">Where the writer says why the storage refuses writes; nowhere when null.</param>
    public SqliteEventLog(SqliteEventLogOptions options, TimeProvider? clock = null, CompanionMetrics? metrics = null, ILogger<SqliteEventLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataSource, "options.DataSource");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, "options.MaxBatchSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, "options.BusyTimeout");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadPageSize, 1, "options.ReadPageSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadPageBytes, 1, "options.ReadPageBytes");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WalSizeLimit, 0, "options.WalSizeLimit");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDatabaseBytes, 0, "options.MaxDatabaseBytes");
        _readPageSize = options.ReadPageSize;
        _readPageBytes = options.ReadPageBytes;

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
        _writer = new GroupCommitWriter(connection.ToString(), options, clock ?? TimeProvider.System, metrics, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>How many write transactions have committed since the log was opened.</summary>
    internal long CommittedBatches => _writer.CommittedBatches;

    /// <summary>How many write requests wait for the writer to take them.</summary>
    internal int QueuedWriteRequests => _writer.QueuedRequests;

    /// <summary>How many times the writer has emptied the write-ahead log.</summary>
    internal long WalCheckpoints => _writer.Checkpoints;

    /// <summary>How long after a refusal a ping tries a write of its own instead of reporting the refusal.</summary>
    internal TimeSpan FaultProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Why the storage refuses writes, until one commits again; null while writes commit.</summary>
    public string? StorageFault => _writer.StorageFault;

    /// <summary>The write connection's journal mode.</summary>
    internal string WriterJournalMode => _writer.JournalMode;

    /// <summary>The write connection's synchronous level (2 is FULL).</summary>
    internal long WriterSynchronous => _writer.Synchronous;

    /// <inheritdoc />
    /// <remarks>
    /// Also throws while the storage refuses writes: until a write commits again, or, when none
    /// comes, until a small write of the ping's own commits (tried once the refusal is 15 s old).
    /// </remarks>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (!_writer.IsRunning)
        {
            throw new InvalidOperationException("The SQLite event log's writer has stopped.");
        }

        if (_writer.StorageFault is { } fault)
        {
            // Fresh, the fault stands: a small probe could fit where appends do not (a reused page).
            // After a while a probe decides, so readiness cannot stay down when nobody writes.
            if (_writer.StorageFaultAge < FaultProbeInterval)
            {
                throw new EventLogUnavailableException($"The event log refuses writes: {fault}.", mayHaveBeenWritten: false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            await Enqueue(new ProbeRequest(), timeout.Token).WaitAsync(timeout.Token);
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
