using System.Diagnostics;
using System.Security.Cryptography;
using Companion.Testing;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// A reader that consumes slowly (an export to a slow client) must not hold SQLite's write-ahead
/// log: held, the log grows with every write and keeps old page images of erased rows.
/// </summary>
public sealed class SqliteSlowReaderTests
{
    private const long WalLimit = 1024 * 1024;

    [Fact]
    public async Task A_reader_stalled_mid_stream_does_not_keep_the_write_ahead_log_from_being_truncated()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open(options => options.WalSizeLimit = WalLimit);
        var slow = await AppendManyAsync(log, "slow-reader", events: 600, payloadBytes: 64);
        await using var reader = log.ReadAsync("slow-reader").GetAsyncEnumerator();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await reader.MoveNextAsync());
        }

        // About 24 MB of writes while the reader stands still.
        for (var user = 0; user < 12; user++)
        {
            await AppendManyAsync(log, $"writer-{user}", events: 40, payloadBytes: 50_000);
        }

        await Eventually.TrueAsync(() => WalLength(database) <= WalLimit, $"the write-ahead log is back under {WalLimit} bytes (it is {WalLength(database)})");
        var versions = new List<long> { reader.Current.Version };
        while (await reader.MoveNextAsync())
        {
            versions.Add(reader.Current.Version);
        }

        Assert.Equal(Enumerable.Range(3, 598).Select(v => (long)v), versions);
        Assert.Equal(slow.Hash, (await log.GetHeadAsync("slow-reader")).Hash);
    }

    [Fact]
    public async Task Erasing_while_a_reader_is_stalled_leaves_no_byte_of_the_stream_in_any_file_and_other_writes_go_on()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open();
        var marker = RandomNumberGenerator.GetBytes(48);
        await AppendManyAsync(log, "victim", events: 600, payloadBytes: 0, marker);
        await AppendManyAsync(log, "neighbour", events: 10, payloadBytes: 100);
        log.Dispose();
        log = database.Open();
        // The victim's rows are in the database file now; an unrelated write puts pages in the log again.
        await AppendManyAsync(log, "victim", events: 5, payloadBytes: 0, marker, from: 600);
        Assert.Contains(FilesContaining(database, marker), name => name.EndsWith("-wal", StringComparison.Ordinal));

        await using var reader = log.ReadAsync("victim").GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        using var stop = new CancellationTokenSource();
        var slowest = TimeSpan.Zero;
        var writes = Task.Run(async () =>
        {
            var head = StreamHead.Empty;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var envelopes = Seal("busy", head, i);
                var started = Stopwatch.GetTimestamp();
                await log.AppendAsync("busy", head.Version, envelopes);
                var took = Stopwatch.GetElapsedTime(started);
                slowest = took > slowest ? took : slowest;
                head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
            }
        });

        await Task.Delay(100);
        var erasing = Stopwatch.GetTimestamp();
        await log.EraseStreamAsync("victim").WaitAsync(TimeSpan.FromSeconds(10));
        var erasure = Stopwatch.GetElapsedTime(erasing);
        await Task.Delay(100);
        await stop.CancelAsync();
        await writes;

        Assert.Empty(FilesContaining(database, marker));
        Assert.True(erasure < TimeSpan.FromSeconds(5), $"The erasure took {erasure}: it must not wait for the open reader.");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"An append during the erasure took {slowest}: it must not wait for the open reader.");
        Assert.Equal(0, (await log.GetHeadAsync("victim")).Version);
    }

    /// <summary>Appends <paramref name="events"/> events of random payloads (each holding <paramref name="marker"/> when given).</summary>
    private static async Task<StreamHead> AppendManyAsync(SqliteEventLog log, string stream, int events, int payloadBytes, byte[]? marker = null, int from = 0)
    {
        var head = await log.GetHeadAsync(stream);
        for (var i = from; i < from + events; i++)
        {
            var payload = RandomNumberGenerator.GetBytes(payloadBytes + (marker?.Length ?? 0) + 8);
            marker?.CopyTo(payload, 4);
            var envelopes = EnvelopeChain.Seal(stream, head, [Event(i) with { Payload = payload }]);
            await log.AppendAsync(stream, head.Version, envelopes);
            head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        }

        return head;
    }

    private static long WalLength(TemporarySqliteDatabase database) =>
        File.Exists(database.FilePath + "-wal") ? new FileInfo(database.FilePath + "-wal").Length : 0;

    /// <summary>The names of the database's files whose raw bytes hold <paramref name="marker"/>.</summary>
    private static List<string> FilesContaining(TemporarySqliteDatabase database, byte[] marker)
    {
        var found = new List<string>();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var path = database.FilePath + suffix;
            if (!File.Exists(path))
            {
                continue;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            file.CopyTo(bytes);
            if (bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(marker) >= 0)
            {
                found.Add(Path.GetFileName(path));
            }
        }

        return found;
    }
}
