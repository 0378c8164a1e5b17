using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Sqlite;
using Companion.Grains;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// A user with a long history activates from the newest snapshot plus a short tail; the baseline
/// is a full replay of the same log. Activation should stay flat as the history grows.
/// </summary>
public static class ActivationScenario
{
    private const int SnapshotEvery = 500;

    public static async Task RunAsync(ScenarioSize size)
    {
        long[] histories = size == ScenarioSize.Smoke ? [1_000] : [10_000, 100_000, 1_000_000];
        foreach (var events in histories)
        {
            using var scratch = new TempDirectory();
            var path = scratch.File("events.db");
            var userId = Ids.New("u");
            var seedSeconds = await SeedAsync(path, userId, events);

            var replayMs = await FullReplayMsAsync(path, userId);
            await using var silo = await BenchSilo.StartAsync(path, SnapshotEvery);
            var samples = new List<double>();
            var loads = new List<double>();
            ActivationStats? stats = null;
            for (var i = 0; i < 5; i++)
            {
                await silo.DeactivateAllAsync();
                var started = Stopwatch.GetTimestamp();
                stats = await silo.Grains.GetGrain<IUserGrain>(userId).GetActivationStats();
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                loads.Add(stats.LoadMilliseconds);
            }

            Report.Row($"cold activation, {events:#,0} events (first call, median of 5; vs full replay)", Median(samples), "ms", replayMs, higherIsBetter: false);
            Report.Row($"  of which storage load, {events:#,0} events (replayed {stats!.ReplayedEvents} after snapshot v{stats.SnapshotVersion})", Median(loads), "ms");
            Report.Note($"seeded {events:#,0} events in {seedSeconds:0.0} s ({events / seedSeconds:#,0} events/s with snapshots every {SnapshotEvery})");
        }
    }

    /// <summary>Writes a history as the grain would: sealed envelopes in order, a snapshot every <see cref="SnapshotEvery"/> events.</summary>
    private static async Task<double> SeedAsync(string path, string userId, long count)
    {
        var started = Stopwatch.GetTimestamp();
        var registry = EventTypeRegistry.ForUserEvents();
        await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = path });
        var state = UserState.Empty;
        var head = StreamHead.Empty;
        var at = DateTimeOffset.UtcNow.AddDays(-365);
        var batch = new List<UserEvent>();
        for (var version = 1L; version <= count; version++)
        {
            at = at.AddSeconds(10);
            batch.Add(version switch
            {
                1 => new UserRegistered(userId, "Bench", at),
                2 => new CompanionCreated("c_bench", "Sol", Persona.Empty with { Description = "steady" }, null, at),
                3 => new SessionStarted("c_bench", "s_bench", null, at),
                _ when version % 50 == 0 => new MemoryRecorded("c_bench", $"m_{version}", "A moment of connection worth keeping.", "moment", 0.5, false, null, at),
                _ => new MessageRecorded("c_bench", "s_bench", $"msg_{version}", version % 2 == 0 ? MessageRole.User : MessageRole.Companion,
                    "Tonight I named what I felt before reaching for reassurance.", null, null, at),
            });

            if (batch.Count == 1_000 || version == count || version % SnapshotEvery == 0)
            {
                var envelopes = EnvelopeChain.Seal(userId, head, batch.Select(registry.ToData));
                await log.AppendAsync(userId, head.Version, envelopes);
                state = UserStateApply.Replay(state, batch);
                head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
                batch.Clear();
                if (version % SnapshotEvery == 0)
                {
                    await log.SaveSnapshotAsync(new Snapshot(userId, head.Version, head.Hash, UserState.SchemaVersion, UserStateJson.Serialize(state), at));
                }
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> FullReplayMsAsync(string path, string userId)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = path });
        var started = Stopwatch.GetTimestamp();
        var state = UserState.Empty;
        await foreach (var envelope in log.ReadAsync(userId))
        {
            state = UserStateApply.Apply(state, registry.FromEnvelope(envelope));
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
