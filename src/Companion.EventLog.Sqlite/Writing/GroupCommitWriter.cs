using System.Globalization;
using System.Threading.Channels;
using Companion.EventLog.Diagnostics;
using Companion.EventLog.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// The one writer of a database: a single task that owns the only write connection, takes every
/// queued request (up to the batch size), runs them in one transaction and acknowledges them only
/// after COMMIT, so many concurrent writers share one durable sync (group commit).
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly WriterCommands _commands;
    private readonly TimeProvider _clock;
    private readonly int _maxBatchSize;
    private readonly CompanionMetrics? _metrics;
    private readonly Task _run;
    private long _committedBatches;
    private int _queuedRequests;

    /// <summary>Opens the write connection, sets it up for durable WAL commits, brings the schema up to date and starts writing.</summary>
    public GroupCommitWriter(string connectionString, int maxBatchSize, TimeSpan busyTimeout, TimeProvider clock, CompanionMetrics? metrics = null)
    {
        _maxBatchSize = maxBatchSize;
        _metrics = metrics;
        _clock = clock;
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
            Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};"));
            Synchronous = Convert.ToInt64(Pragma("PRAGMA synchronous;"), CultureInfo.InvariantCulture);
            SchemaMigrator.Migrate(_connection, clock);
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

    /// <summary>False once the writer has stopped (disposed).</summary>
    public bool IsRunning => !_run.IsCompleted;

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
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
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
            }
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
        try
        {
            using var transaction = _connection.BeginTransaction();
            _commands.Enlist(transaction);
            var now = SqliteValues.FormatTime(_clock.GetUtcNow());
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = batch[i] switch
                {
                    AppendRequest append => Append(append, now),
                    SnapshotRequest snapshot => Save(snapshot),
                    EraseRequest erase => Erase(erase),
                    _ => throw new InvalidOperationException($"Unknown write request {batch[i].GetType().Name}."),
                };
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The transaction did not commit, so nothing in it may be acknowledged.
            foreach (var request in batch)
            {
                request.Fail(exception);
            }

            return;
        }

        Interlocked.Increment(ref _committedBatches);
        if (batch.Exists(r => r is EraseRequest))
        {
            // Erased rows must not live on as old page images in the write-ahead log.
            Pragma("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        _metrics?.RecordBatch(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Conflict is { } conflict)
            {
                batch[i].Fail(conflict);
            }
            else
            {
                batch[i].Succeed(outcomes[i].Version);
            }
        }
    }

    private Outcome Append(AppendRequest request, string now)
    {
        // The conflict check runs before anything is written, so a conflicting request leaves no
        // trace in the transaction and the rest of the batch commits without it.
        var head = _commands.ReadHead(request.Stream);
        try
        {
            AppendChecks.ThrowIfConflict(request.Stream, request.ExpectedVersion, head, request.Envelopes);
        }
        catch (EventLogConflictException conflict)
        {
            return new Outcome(head.Version, conflict);
        }

        foreach (var envelope in request.Envelopes)
        {
            _commands.InsertEvent(envelope);
        }

        var last = request.Envelopes[^1];
        _commands.UpsertStream(request.Stream, new StreamHead(last.Version, last.Hash), now);
        return new Outcome(last.Version, null);
    }

    private Outcome Save(SnapshotRequest request)
    {
        _commands.InsertSnapshotIfNewest(request.Snapshot);
        return new Outcome(request.Snapshot.Version, null);
    }

    private Outcome Erase(EraseRequest request)
    {
        _commands.EraseStream(request.Stream);
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
