using Companion.Testing;
using Microsoft.Data.Sqlite;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Sqlite.Tests;

public sealed class SqliteGroupCommitTests
{
    [Fact]
    public async Task Concurrent_appends_to_distinct_streams_commit_in_far_fewer_transactions_than_appends()
    {
        const int appends = 500;
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var batches = Enumerable.Range(0, appends).Select(i => Seal($"user-{i:D3}", StreamHead.Empty, i)).ToList();

        var versions = await Task.WhenAll(batches.Select(envelopes => Task.Run(() => log.AppendAsync(envelopes[0].Stream, 0, envelopes))));

        Assert.All(versions, version => Assert.Equal(1, version));
        Assert.InRange(log.CommittedBatches, 1, appends / 2);
    }

    [Fact]
    public async Task Requests_queued_while_the_writer_is_busy_commit_together_in_batches_of_at_most_the_batch_size()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open(options => options.MaxBatchSize = 100);
        Task<long> blocker;
        List<Task<long>> queued;
        using (database.HoldWriteLock())
        {
            blocker = log.AppendAsync("blocker", 0, Seal("blocker", StreamHead.Empty, 0));
            await Eventually.TrueAsync(() => log.QueuedWriteRequests == 0, "the writer takes the first append");
            queued = Enumerable.Range(1, 250).Select(i => log.AppendAsync($"user-{i}", 0, Seal($"user-{i}", StreamHead.Empty, i))).ToList();
            Assert.Equal(250, log.QueuedWriteRequests);
        }

        await blocker;
        await Task.WhenAll(queued);

        Assert.Equal(1 + 3, log.CommittedBatches);
    }

    [Fact]
    public async Task A_conflicting_append_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var first = Seal("user-1", StreamHead.Empty, 1);
        var stale = Seal("user-1", StreamHead.Empty, 2);
        var next = Seal("user-1", new StreamHead(1, first[0].Hash), 3);
        var other = Seal("user-2", StreamHead.Empty, 4);
        Task<long> blocker, appendFirst, appendStale, appendNext, appendOther;
        using (database.HoldWriteLock())
        {
            blocker = log.AppendAsync("blocker", 0, Seal("blocker", StreamHead.Empty, 0));
            await Eventually.TrueAsync(() => log.QueuedWriteRequests == 0, "the writer takes the first append");
            appendFirst = log.AppendAsync("user-1", 0, first);
            appendStale = log.AppendAsync("user-1", 0, stale);
            appendNext = log.AppendAsync("user-1", 1, next);
            appendOther = log.AppendAsync("user-2", 0, other);
        }

        Assert.Equal(1, await blocker);
        Assert.Equal(1, await appendFirst);
        var conflict = await Assert.ThrowsAsync<EventLogConflictException>(() => appendStale);
        Assert.Equal(1, conflict.ActualVersion);
        Assert.Equal(2, await appendNext);
        Assert.Equal(1, await appendOther);
        Assert.Equal(2, log.CommittedBatches);
        Assert.Equal(new[] { first[0].Hash, next[0].Hash }, await HashesAsync(log, "user-1"));
        Assert.Equal(new[] { other[0].Hash }, await HashesAsync(log, "user-2"));
    }

    [Fact]
    public async Task A_batch_whose_transaction_fails_fails_every_request_in_it_and_writes_nothing()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        using (var connection = database.OpenConnection())
        {
            // Appending to "poisoned" passes the head check and then fails its first insert,
            // failing the whole transaction.
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TRIGGER poison BEFORE INSERT ON events
                WHEN NEW.stream_id IN (SELECT id FROM streams WHERE stream = 'poisoned')
                BEGIN SELECT RAISE(ABORT, 'poisoned stream'); END;
                """;
            command.ExecuteNonQuery();
        }

        Task<long> blocker, before, poisoned, after;
        using (database.HoldWriteLock())
        {
            blocker = log.AppendAsync("blocker", 0, Seal("blocker", StreamHead.Empty, 0));
            await Eventually.TrueAsync(() => log.QueuedWriteRequests == 0, "the writer takes the first append");
            before = log.AppendAsync("user-1", 0, Seal("user-1", StreamHead.Empty, 1));
            poisoned = log.AppendAsync("poisoned", 0, Seal("poisoned", StreamHead.Empty, 2));
            after = log.AppendAsync("user-2", 0, Seal("user-2", StreamHead.Empty, 3));
        }

        await blocker;
        var failure = await Assert.ThrowsAsync<SqliteException>(() => poisoned);
        Assert.Same(failure, await Assert.ThrowsAsync<SqliteException>(() => before));
        Assert.Same(failure, await Assert.ThrowsAsync<SqliteException>(() => after));
        Assert.Equal(1, log.CommittedBatches);
        Assert.Equal(StreamHead.Empty, await log.GetHeadAsync("user-1"));
        Assert.Equal(StreamHead.Empty, await log.GetHeadAsync("user-2"));
        Assert.Equal(1, await log.AppendAsync("user-1", 0, Seal("user-1", StreamHead.Empty, 4)));
    }

    [Fact]
    public async Task Cancelling_an_append_before_the_writer_takes_it_cancels_it_and_writes_nothing()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        using var takenCancellation = new CancellationTokenSource();
        using var queuedCancellation = new CancellationTokenSource();
        Task<long> taken, queued;
        using (database.HoldWriteLock())
        {
            taken = log.AppendAsync("taken", 0, Seal("taken", StreamHead.Empty, 1), takenCancellation.Token);
            await Eventually.TrueAsync(() => log.QueuedWriteRequests == 0, "the writer takes the first append");
            queued = log.AppendAsync("queued", 0, Seal("queued", StreamHead.Empty, 2), queuedCancellation.Token);

            await takenCancellation.CancelAsync();
            await queuedCancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        }

        Assert.Equal(1, await taken);
        Assert.Equal(StreamHead.Empty, await log.GetHeadAsync("queued"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => log.AppendAsync("queued", 0, Seal("queued", StreamHead.Empty, 3), queuedCancellation.Token));
    }

    [Fact]
    public async Task Appends_and_snapshot_saves_queued_together_commit_in_one_transaction()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var envelopes = Seal("user-1", StreamHead.Empty, 1, 2);
        Task<long> blocker, append;
        Task save;
        using (database.HoldWriteLock())
        {
            blocker = log.AppendAsync("blocker", 0, Seal("blocker", StreamHead.Empty, 0));
            await Eventually.TrueAsync(() => log.QueuedWriteRequests == 0, "the writer takes the first append");
            append = log.AppendAsync("user-1", 0, envelopes);
            save = log.SaveSnapshotAsync(new Snapshot("user-1", 2, envelopes[^1].Hash, 1, "{}"u8.ToArray(), DateTimeOffset.UnixEpoch));
        }

        await Task.WhenAll(blocker, append, save);

        Assert.Equal(2, log.CommittedBatches);
        Assert.Equal(2, (await log.LoadNewestSnapshotAsync("user-1"))?.Version);
    }

    private static async Task<string[]> HashesAsync(IEventLog log, string stream)
    {
        var hashes = new List<string>();
        await foreach (var envelope in log.ReadAsync(stream))
        {
            hashes.Add(envelope.Hash);
        }

        return [.. hashes];
    }
}
