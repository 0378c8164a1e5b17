using System.Diagnostics;
using System.Security.Cryptography;
using static Companion.EventLog.Tests.Conformance.TestEvents;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// When the storage refuses a write (here a real SQLITE_FULL from a database quota, as on a
/// full disk), the append fails at once saying nothing was stored, nothing is, the log says it
/// is not ready, and it is ready again once writes commit.
/// </summary>
public sealed class SqliteStorageFaultTests
{
    [Fact]
    public async Task A_full_database_refuses_appends_at_once_stores_nothing_and_fails_the_ping_until_space_returns()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open(options => options.MaxDatabaseBytes = 256 * 1024);
        var head = StreamHead.Empty;
        EventLogUnavailableException? refused = null;
        var elapsed = TimeSpan.Zero;
        for (var i = 0; refused is null; i++)
        {
            Assert.True(i < 1000, "The quota never refused a write.");
            var envelopes = EnvelopeChain.Seal("filler", head, [Event(i) with { Payload = RandomNumberGenerator.GetBytes(8_000) }]);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await log.AppendAsync("filler", head.Version, envelopes);
                head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
            }
            catch (EventLogUnavailableException e)
            {
                refused = e;
                elapsed = Stopwatch.GetElapsedTime(started);
            }
        }

        Assert.False(refused.MayHaveBeenWritten);
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"The refusal took {elapsed}: it must not wait for space to return.");
        Assert.Equal(head, await log.GetHeadAsync("filler"));
        Assert.NotNull(log.StorageFault);
        await Assert.ThrowsAsync<EventLogUnavailableException>(() => log.PingAsync());

        await log.DisposeAsync();
        log = database.Open();
        await log.PingAsync();
        var next = EnvelopeChain.Seal("filler", head, [Event(9999)]);
        Assert.Equal(head.Version + 1, await log.AppendAsync("filler", head.Version, next));
        Assert.Null(log.StorageFault);
    }

    [Fact]
    public async Task After_a_refusal_the_ping_probes_with_a_write_and_answers_again_once_writes_commit()
    {
        await using var database = new TemporarySqliteDatabase();
        var log = database.Open(options => options.MaxDatabaseBytes = 256 * 1024);
        var big = EnvelopeChain.Seal("big", StreamHead.Empty, [Event(1) with { Payload = RandomNumberGenerator.GetBytes(1024 * 1024) }]);
        await Assert.ThrowsAsync<EventLogUnavailableException>(() => log.AppendAsync("big", 0, big));
        Assert.NotNull(log.StorageFault);

        await Assert.ThrowsAsync<EventLogUnavailableException>(() => log.PingAsync());

        // Once the refusal is old, the ping probes with a small write, which still fits: readiness comes back.
        log.FaultProbeInterval = TimeSpan.Zero;
        await log.PingAsync();
        Assert.Null(log.StorageFault);
    }
}
