using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// The writer remembers each stream's head instead of reading it before every append; these
/// prove that what it remembers never outlives the truth of the file.
/// </summary>
public sealed class SqliteHeadCacheTests
{
    [Fact]
    public async Task An_append_after_another_connection_moved_the_head_conflicts_as_it_would_without_the_cache()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var other = database.Open();
        var first = Seal("user-1", StreamHead.Empty, 1);
        Assert.Equal(1, await log.AppendAsync("user-1", 0, first));

        // Another writer of the same file moves the head past what the first log remembers.
        var second = Seal("user-1", new StreamHead(1, first[0].Hash), 2);
        Assert.Equal(2, await other.AppendAsync("user-1", 1, second));

        var conflict = await Assert.ThrowsAsync<EventLogConflictException>(
            () => log.AppendAsync("user-1", 1, Seal("user-1", new StreamHead(1, first[0].Hash), 3)));
        Assert.Equal(2, conflict.ActualVersion);
        Assert.Equal(3, await log.AppendAsync("user-1", 2, Seal("user-1", new StreamHead(2, second[0].Hash), 4)));
        Assert.Equal(new StreamHead(3, (await ReadAllAsync(log, "user-1"))[^1].Hash), await log.GetHeadAsync("user-1"));
    }

    [Fact]
    public async Task A_stream_erased_and_written_again_starts_from_version_one_under_a_new_row()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var before = Seal("user-1", StreamHead.Empty, 1, 2);
        Assert.Equal(2, await log.AppendAsync("user-1", 0, before));

        await log.EraseStreamAsync("user-1");
        await Assert.ThrowsAsync<EventLogConflictException>(
            () => log.AppendAsync("user-1", 2, Seal("user-1", new StreamHead(2, before[1].Hash), 3)));
        var after = Seal("user-1", StreamHead.Empty, 4);
        Assert.Equal(1, await log.AppendAsync("user-1", 0, after));

        Assert.Equal([after[0].Hash], [.. (await ReadAllAsync(log, "user-1")).Select(e => e.Hash)]);
    }

    [Fact]
    public async Task Heads_written_in_one_process_are_read_alike_after_a_restart()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var envelopes = Seal("user-1", StreamHead.Empty, 1);
        await log.AppendAsync("user-1", 0, envelopes);
        var more = Seal("user-1", new StreamHead(1, envelopes[0].Hash), 2);
        await log.AppendAsync("user-1", 1, more);
        await log.DisposeAsync();

        var reopened = database.Open();
        Assert.Equal(new StreamHead(2, more[0].Hash), await reopened.GetHeadAsync("user-1"));
        Assert.Equal(3, await reopened.AppendAsync("user-1", 2, Seal("user-1", new StreamHead(2, more[0].Hash), 3)));
    }

    private static async Task<List<EventEnvelope>> ReadAllAsync(IEventLog log, string stream)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in log.ReadAsync(stream))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }
}
