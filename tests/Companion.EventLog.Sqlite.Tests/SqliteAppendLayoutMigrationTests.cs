using System.Text;
using Microsoft.Data.Sqlite;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>Script 0003 converts a file of the text layout in place, losing no byte and no hash.</summary>
public sealed class SqliteAppendLayoutMigrationTests
{
    [Fact]
    public async Task Migrating_a_text_layout_file_keeps_every_envelope_hash_snapshot_head_and_catalog_entry()
    {
        await using var database = new TemporarySqliteDatabase();
        var written = WriteTextLayout(database);

        var log = database.Open();

        await AssertReadsBackAsync(log, written);
        using var connection = database.OpenConnection();
        Assert.Equal(3L, Scalar(connection, "SELECT MAX(version) FROM schema_migrations;"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM events WHERE typeof(hash) <> 'blob' OR typeof(previous_hash) <> 'blob' OR typeof(occurred_at) <> 'integer';"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM streams WHERE typeof(head_hash) <> 'blob';"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.FilePath));
        }
    }

    [Fact]
    public async Task After_the_migration_appends_snapshots_and_erasures_go_on_from_the_migrated_heads()
    {
        await using var database = new TemporarySqliteDatabase();
        var written = WriteTextLayout(database);
        var log = database.Open();

        var head = written.Heads["user-a"];
        Assert.Equal(head.Version + 1, await log.AppendAsync("user-a", head.Version, Seal("user-a", head, 100)));
        await Assert.ThrowsAsync<EventLogConflictException>(() => log.AppendAsync("user-b", 0, Seal("user-b", StreamHead.Empty, 1)));
        await log.EraseStreamAsync("user-b");
        Assert.Equal(StreamHead.Empty, await log.GetHeadAsync("user-b"));
        Assert.Empty(await ToListAsync(log.ReadAsync("user-b")));
        Assert.Null(await log.LoadNewestSnapshotAsync("user-b"));
        Assert.Equal(1, await log.AppendAsync("user-b", 0, Seal("user-b", StreamHead.Empty, 1)));
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, await ToListAsync(log.ReadAsync("user-a"))));
    }

    [Fact]
    public async Task Values_the_text_layout_held_in_forms_other_than_the_canonical_one_read_back_as_they_were()
    {
        await using var database = new TemporarySqliteDatabase();
        using (var connection = database.OpenConnection())
        {
            var file = TextLayoutFile.Create(connection);
            file.Execute("""
                INSERT INTO events VALUES ('odd', 1, 'test-happened', 1, '2025-03-14T15:09:26.5358979+02:00', NULL, X'7B7D', 'GENESIS', 'ABCDEF');
                INSERT INTO streams VALUES ('odd', 1, 'ABCDEF', '2026-11-30T12:00:00.0000000Z');
                INSERT INTO snapshots VALUES ('odd', 1, 'abc', 1, X'7B7D', '2026-11-30T12:00:00.0000000Z');
                """);
        }

        var log = database.Open();

        var envelope = Assert.Single(await ToListAsync(log.ReadAsync("odd")));
        Assert.Equal(("GENESIS", "ABCDEF"), (envelope.PreviousHash, envelope.Hash));
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979), envelope.OccurredAt);
        Assert.Equal(new StreamHead(1, "ABCDEF"), await log.GetHeadAsync("odd"));
        Assert.Equal("abc", (await log.LoadNewestSnapshotAsync("odd"))?.HeadHash);
    }

    [Fact]
    public async Task A_migration_that_fails_part_way_leaves_the_text_layout_whole_and_the_next_open_completes_it()
    {
        await using var database = new TemporarySqliteDatabase();
        var written = WriteTextLayout(database);
        using (var connection = database.OpenConnection())
        {
            // Takes the name of the index the script creates last, after every row was copied.
            new TextLayoutFile(connection).Execute("CREATE TABLE events_stream_version (x INTEGER);");
        }

        Assert.Throws<SqliteException>(() => database.Open());

        using (var connection = database.OpenConnection())
        {
            Assert.Equal(2L, Scalar(connection, "SELECT MAX(version) FROM schema_migrations;"));
            Assert.Equal((long)written.Events.Count, Scalar(connection, "SELECT COUNT(*) FROM events WHERE typeof(hash) = 'text' AND typeof(stream) = 'text';"));
            Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM sqlite_schema WHERE name LIKE '%_v3';"));
            new TextLayoutFile(connection).Execute("DROP TABLE events_stream_version;");
        }

        await AssertReadsBackAsync(database.Open(), written);
    }

    /// <summary>What was written in the text layout, to compare with what reads back.</summary>
    private sealed record Written(List<EventEnvelope> Events, Dictionary<string, StreamHead> Heads, List<Snapshot> Snapshots);

    /// <summary>Several streams, one long enough to span read pages, snapshots, a snapshot-only stream and an erased stream.</summary>
    private static Written WriteTextLayout(TemporarySqliteDatabase database)
    {
        using var connection = database.OpenConnection();
        var file = TextLayoutFile.Create(connection);
        var events = new List<EventEnvelope>();
        var heads = new Dictionary<string, StreamHead>();
        var snapshots = new List<Snapshot>();
        foreach (var (stream, count) in new[] { ("user-a", 3), ("user-b", 600), ("user-erased", 4), ("user-c", 1) })
        {
            var head = StreamHead.Empty;
            for (var first = 1; first <= count; first += 100)
            {
                var data = Enumerable.Range(first, Math.Min(100, count - first + 1))
                    .Select(n => Event(n, n % 3 == 0 ? $"key-{n}" : null) with { OccurredAt = DateTimeOffset.UnixEpoch.AddTicks(17_000_000_000_123_457L * n % 630_000_000_000_000_000L) });
                var sealedEnvelopes = EnvelopeChain.Seal(stream, head, data);
                file.Append(sealedEnvelopes);
                events.AddRange(sealedEnvelopes);
                head = new StreamHead(sealedEnvelopes[^1].Version, sealedEnvelopes[^1].Hash);
            }

            heads[stream] = head;
        }

        foreach (var (stream, version) in new[] { ("user-b", 250L), ("user-b", 500L), ("user-erased", 2L) })
        {
            var snapshot = new Snapshot(stream, version, events.Single(e => e.Stream == stream && e.Version == version).Hash, 7,
                Encoding.UTF8.GetBytes($$"""{"at":{{version}}}"""), DateTimeOffset.UnixEpoch.AddDays(version));
            file.Save(snapshot);
            snapshots.Add(snapshot);
        }

        var alone = new Snapshot("user-snapshot-only", 5, new string('7', 64), 6, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.UnixEpoch);
        file.Save(alone);
        snapshots.Add(alone);

        file.Erase("user-erased");
        events.RemoveAll(e => e.Stream == "user-erased");
        snapshots.RemoveAll(s => s.Stream == "user-erased");
        heads.Remove("user-erased");
        return new Written(events, heads, snapshots);
    }

    private static async Task AssertReadsBackAsync(SqliteEventLog log, Written written)
    {
        foreach (var (stream, head) in written.Heads)
        {
            var expected = written.Events.Where(e => e.Stream == stream).ToList();
            var read = await ToListAsync(log.ReadAsync(stream));
            Assert.Equal(expected.Select(Fields), read.Select(Fields));
            Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, read));
            Assert.Equal(head, await log.GetHeadAsync(stream));
        }

        foreach (var snapshot in written.Snapshots)
        {
            var loaded = await log.LoadSnapshotAtOrBeforeAsync(snapshot.Stream, snapshot.Version);
            Assert.NotNull(loaded);
            Assert.Equal(SnapshotFields(snapshot), SnapshotFields(loaded));
        }

        Assert.Empty(await ToListAsync(log.ReadAsync("user-erased")));
        Assert.Null(await log.LoadNewestSnapshotAsync("user-erased"));
        Assert.Equal(StreamHead.Empty, await log.GetHeadAsync("user-snapshot-only"));
        var catalog = await ToListAsync(log.ListStreamsAsync());
        Assert.Equal(
            written.Heads.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => (h.Key, h.Value.Version, h.Value.Hash, DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture))),
            catalog.Select(s => (s.Stream, s.Version, s.HeadHash, s.UpdatedAt)));
    }

    private static string Fields(EventEnvelope e) =>
        $"{e.Stream}|{e.Version}|{e.Type}|{e.SchemaVersion}|{EnvelopeJson.FormatTime(e.OccurredAt)}|{e.IdempotencyKey}|{Convert.ToHexString(e.Payload.Span)}|{e.PreviousHash}|{e.Hash}";

    private static string SnapshotFields(Snapshot s) =>
        $"{s.Stream}|{s.Version}|{s.HeadHash}|{s.StateSchema}|{Convert.ToHexString(s.State.Span)}|{EnvelopeJson.FormatTime(s.CreatedAt)}";

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
