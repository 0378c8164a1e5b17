using System.Text;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Sqlite.Tests;

public sealed class SqliteDurabilityTests
{
    [Fact]
    public async Task Events_snapshots_and_the_catalog_survive_dispose_and_reopen()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var envelopes = Seal("user-1", StreamHead.Empty, 1, 2, 3);
        await log.AppendAsync("user-1", 0, envelopes);
        var snapshot = new Snapshot("user-1", 3, envelopes[^1].Hash, 1, Encoding.UTF8.GetBytes("""{"count":3}"""), DateTimeOffset.UnixEpoch);
        await log.SaveSnapshotAsync(snapshot);
        var catalogBefore = await ToListAsync(log.ListStreamsAsync());
        await log.DisposeAsync();

        var reopened = database.Open();

        var stored = await ToListAsync(reopened.ReadAsync("user-1"));
        Assert.Equal(envelopes.Select(e => e.Hash), stored.Select(e => e.Hash));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
        Assert.Equal(new StreamHead(3, envelopes[^1].Hash), await reopened.GetHeadAsync("user-1"));
        var loaded = await reopened.LoadNewestSnapshotAsync("user-1");
        Assert.NotNull(loaded);
        Assert.Equal(snapshot.State.ToArray(), loaded.State.ToArray());
        Assert.Equal(catalogBefore, await ToListAsync(reopened.ListStreamsAsync()));
        Assert.Equal(4, await reopened.AppendAsync("user-1", 3, Seal("user-1", new StreamHead(3, envelopes[^1].Hash), 4)));
    }

    [Fact]
    public async Task Reopening_applies_each_schema_script_once()
    {
        await using var database = new TemporarySqliteDatabase();
        await database.Open().DisposeAsync();
        await database.Open().DisposeAsync();

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name FROM schema_migrations ORDER BY version;";
        using var reader = command.ExecuteReader();
        var applied = new List<(long, string)>();
        while (reader.Read())
        {
            applied.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        Assert.Equal([(1, "0001_Schema"), (2, "0002_WriteProbe"), (3, "0003_AppendLayout")], applied);
    }

    [Fact]
    public async Task The_writer_uses_write_ahead_logging_and_full_synchronous_commits()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();

        Assert.Equal("wal", log.WriterJournalMode);
        Assert.Equal(2, log.WriterSynchronous);

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Dispose_commits_the_appends_already_queued()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var appends = Enumerable.Range(0, 100).Select(i => log.AppendAsync($"user-{i}", 0, Seal($"user-{i}", StreamHead.Empty, i))).ToList();

        await log.DisposeAsync();

        Assert.All(appends, append => Assert.True(append.IsCompletedSuccessfully));
        var reopened = database.Open();
        Assert.Equal(100, (await ToListAsync(reopened.ListStreamsAsync(limit: 1000))).Count);
    }

    [Fact]
    public async Task A_disposed_log_refuses_writes_and_reads()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync("user-1", 0, Seal("user-1", StreamHead.Empty, 1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.GetHeadAsync("user-1"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.PingAsync());
    }

    [Fact]
    public async Task An_open_read_does_not_block_appends_and_keeps_its_own_view()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        await log.AppendAsync("user-1", 0, Seal("user-1", StreamHead.Empty, 1, 2));

        await using var reading = log.ReadAsync("user-1").GetAsyncEnumerator();
        Assert.True(await reading.MoveNextAsync());
        var head = await log.GetHeadAsync("user-1");
        var more = Seal("user-1", head, 3);
        Assert.Equal(3, await log.AppendAsync("user-1", 2, more).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(await reading.MoveNextAsync());
        Assert.Equal(2, reading.Current.Version);
        Assert.False(await reading.MoveNextAsync());
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
