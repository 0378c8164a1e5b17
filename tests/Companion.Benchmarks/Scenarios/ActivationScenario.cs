using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.Grains;
using Companion.History;

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
            var seedSeconds = await HistorySeeder.SeedAsync(path, userId, events, SnapshotEvery);

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
            if (size != ScenarioSize.Smoke)
            {
                await ActivationBreakdown.RunAsync(path, userId, events);
            }

            Report.Note($"seeded {events:#,0} events in {seedSeconds:0.0} s ({events / seedSeconds:#,0} events/s with snapshots every {SnapshotEvery})");
        }
    }

    private static async Task<double> FullReplayMsAsync(string path, string userId)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = path });
        var started = Stopwatch.GetTimestamp();
        using var cipher = await BenchKeys.For(path).OpenAsync(userId);
        var state = UserState.Empty;
        await foreach (var envelope in log.ReadAsync(userId))
        {
            state = UserStateApply.Apply(state, registry.FromEnvelope(PayloadCipher.Reveal(envelope, cipher)));
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
