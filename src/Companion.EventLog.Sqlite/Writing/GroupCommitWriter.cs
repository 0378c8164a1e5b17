using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Companion.EventLog.Diagnostics;
using Companion.EventLog.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// The one writer of a database: a single task that owns the only write connection, takes every
/// queued request (up to the batch size), runs them in one transaction and acknowledges them only
/// after COMMIT, so many concurrent writers share one durable sync (group commit). Between
/// batches it keeps the write-ahead log short (<c>GroupCommitWriter.Checkpoints.cs</c>).
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly WriterCommands _commands;
    private readonly TimeProvider _clock;
    private readonly int _maxBatchSize;
    private readonly CompanionMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly Task _run;
    private long _committedBatches;
    private int _queuedRequests;
    private string? _storageFault;
    private long _storageFaultSince;

    /// <summary>Opens the write connection, sets it up for durable WAL commits, brings the schema up to date and starts writing.</summary>
    public GroupCommitWriter(string connectionString, SqliteEventLogOptions options, TimeProvider clock, CompanionMetrics? metrics, ILogger logger)
    {
        _maxBatchSize = options.MaxBatchSize;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _walPath = Path.GetFullPath(options.DataSource) + "-wal";
        _walSizeLimit = options.WalSizeLimit;
        _erasureCheckpointTimeout = options.ErasureCheckpointTimeout;
        _busyTimeoutMilliseconds = (long)options.BusyTimeout.TotalMilliseconds;
        _connection = new SqliteConnection(connectionString);
        try
        {
            _connection.Open();
            JournalMode = Pragma("PRAGMA journal_mode = WAL;");
            if (!string.Equals(JournalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused write-ahead logging (journal mode is '{JournalMode}'); put the database on a local disk.");
            }

            Pragma("PRAGMA synchronous = FULL;");
            Pragma("PRAGMA secure_delete = ON;");
            Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA journal_size_limit = {_walSizeLimit};"));
            Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds};"));
            Synchronous = Convert.ToInt64(Pragma("PRAGMA synchronous;"), CultureInfo.InvariantCulture);
            SchemaMigrator.Migrate(_connection, clock);
            if (options.MaxDatabaseBytes > 0)
            {
                var pageSize = Convert.ToInt64(Pragma("PRAGMA page_size;"), CultureInfo.InvariantCulture);
                Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {Math.Max(1, options.MaxDatabaseBytes / pageSize)};"));
            }

            _commands = new WriterCommands(_connection);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _run = Task.Run(RunAsync);
    }

    /// <summary>The write connection's journal mode, as SQLite reports it.</summary>
    public string JournalMode { get; }

    /// <summary>The write connection's synchronous level, as SQLite reports it (2 is FULL).</summary>
    public long Synchronous { get; }

    /// <summary>How many transactions have committed.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>How many requests wait for the writer to take them.</summary>
    public int QueuedRequests => Volatile.Read(ref _queuedRequests);

    /// <summary>False once the writer has stopped (disposed, or failed beyond recovery).</summary>
    public bool IsRunning => !_run.IsCompleted;

    /// <summary>Why the storage refused the last write, until a write commits again; null while writes commit.</summary>
    public string? StorageFault => Volatile.Read(ref _storageFault);

    /// <summary>How long ago the storage last refused a write.</summary>
    public TimeSpan StorageFaultAge => Stopwatch.GetElapsedTime(Interlocked.Read(ref _storageFaultSince));

    /// <summary>Queues a request; false once the writer is shutting down.</summary>
    public bool TryEnqueue(WriteRequest request)
    {
        // Counted before it is visible to the writer, so the count never goes below zero.
        Interlocked.Increment(ref _queuedRequests);
        if (_queue.Writer.TryWrite(request))
        {
            return true;
        }

        Interlocked.Decrement(ref _queuedRequests);
        return false;
    }

    /// <summary>Stops taking requests, commits what was queued, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _run.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(Math.Min(_maxBatchSize, 1024));
        try
        {
            while (await WaitForWorkAsync().ConfigureAwait(false))
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var request))
                {
                    Interlocked.Decrement(ref _queuedRequests);
                    if (request.TryTake())
                    {
                        batch.Add(request);
                    }
                }

                if (batch.Count > 0)
                {
                    CommitBatch(batch);
                    batch.Clear();
                }

                CheckpointIfOwed(idle: QueuedRequests == 0);
            }

            CheckpointIfOwed(idle: true);
            FailErasuresStillWaiting("the event log closed before its write-ahead log could be emptied; erase the user again after the next start");
        }
        catch (Exception e)
        {
            // Nothing above is meant to throw; if something does, say so before every later write is refused.
            _logger.LogCritical(e, "The SQLite event log's writer stopped; no write will be taken until the service restarts");
            _queue.Writer.TryComplete();
            foreach (var request in batch)
            {
                request.Fail(e);
            }

            while (_queue.Reader.TryRead(out var queued))
            {
                queued.Fail(e);
            }

            FailErasuresStillWaiting("the event log's writer stopped");
            throw;
        }
        finally
        {
            _commands.Dispose();
            _connection.Dispose();
        }
    }

    private void CommitBatch(List<WriteRequest> batch)
    {
        var outcomes = new Outcome[batch.Count];
        var committing = false;
        try
        {
            // Every value was made before this point (the requests carry their columns): inside
            // the transaction the writer only binds and steps, so the write lock is held briefly.
            var now = SqliteValues.FormatTime(_clock.GetUtcNow());
            using var transaction = _connection.BeginTransaction();
            _commands.Enlist(transaction);
            ForgetHeadsIfChangedElsewhere();
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = batch[i] switch
                {
                    AppendRequest append => Append(append, now),
                    SnapshotRequest snapshot => Save(snapshot),
                    EraseRequest erase => Erase(erase),
                    ProbeRequest => Probe(now),
                    _ => throw new InvalidOperationException($"Unknown write request {batch[i].GetType().Name}."),
                };
            }

            committing = true;
            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The transaction did not commit (or, failing in COMMIT itself, may have): nothing in it may be
            // acknowledged, and no head it wrote may be trusted.
            _heads.Clear();
            var failure = Refusal(exception, committing);
            foreach (var request in batch)
            {
                request.Fail(failure);
            }

            return;
        }

        Interlocked.Increment(ref _committedBatches);
        if (Interlocked.Exchange(ref _storageFault, null) is not null)
        {
            _logger.LogInformation("The SQLite event log takes writes again");
        }

        _metrics?.RecordBatch(batch.Count);
        var scrubFailure = ScrubIfErased(batch, outcomes);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Conflict is { } conflict)
            {
                batch[i].Fail(conflict);
            }
            else if (batch[i] is EraseRequest && scrubFailure is not null)
            {
                batch[i].Fail(scrubFailure);
            }
            else if (batch[i] is EraseRequest erase)
            {
                // Acknowledged once no page image of the erased rows is left in the write-ahead log.
                AwaitCheckpoint(erase);
            }
            else
            {
                batch[i].Succeed(outcomes[i].Version);
            }
        }
    }

    /// <summary>
    /// A storage refusal becomes an <see cref="EventLogUnavailableException"/> (and readiness goes
    /// down until a write commits again); anything else is passed on as it is.
    /// </summary>
    private Exception Refusal(Exception exception, bool committing)
    {
        if (exception is not SqliteException sqlite || !SqliteStorageFaults.IsStorageFault(sqlite))
        {
            return exception;
        }

        var why = SqliteStorageFaults.Describe(sqlite);
        Interlocked.Exchange(ref _storageFaultSince, Stopwatch.GetTimestamp());
        if (Interlocked.Exchange(ref _storageFault, why) is null)
        {
            _logger.LogError(sqlite, "The SQLite event log refuses writes: {Why}", why);
        }

        return new EventLogUnavailableException(
            committing ? $"The storage failed while committing: {why}." : $"The storage refused the write, nothing was stored: {why}.",
            mayHaveBeenWritten: committing,
            sqlite);
    }

    private Outcome Append(AppendRequest request, string now)
    {
        // The conflict check runs before anything is written, so a conflicting request leaves no
        // trace in the transaction and the rest of the batch commits without it.
        var (id, head) = ReadHead(request.Stream);
        try
        {
            AppendChecks.ThrowIfConflict(request.Stream, request.ExpectedVersion, head, request.Envelopes);
        }
        catch (EventLogConflictException conflict)
        {
            return new Outcome(head.Version, conflict);
        }

        var streamId = _commands.EnsureStream(request.Stream, id);
        foreach (var row in request.Rows)
        {
            _commands.InsertEvent(streamId, row);
        }

        var (version, hash) = request.Head;
        _commands.UpdateHead(streamId, version, hash, now);
        RememberHead(request.Stream, streamId, new StreamHead(version, request.Envelopes[^1].Hash));
        return new Outcome(version, null);
    }

    private Outcome Save(SnapshotRequest request)
    {
        var (id, head) = ReadHead(request.Snapshot.Stream);
        var streamId = _commands.EnsureStream(request.Snapshot.Stream, id);
        _commands.InsertSnapshotIfNewest(streamId, request.Snapshot);
        RememberHead(request.Snapshot.Stream, streamId, head);
        return new Outcome(request.Snapshot.Version, null);
    }

    private Outcome Erase(EraseRequest request)
    {
        _commands.EraseStream(request.Stream);
        _heads.Remove(request.Stream);
        return new Outcome(0, null);
    }

    private Outcome Probe(string now)
    {
        _commands.Probe(now);
        return new Outcome(0, null);
    }

    private string Pragma(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private readonly record struct Outcome(long Version, EventLogConflictException? Conflict);
}
