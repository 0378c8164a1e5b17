using System.Diagnostics;
using System.Runtime;
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
/// Two figures per history: the first five activations of the user in the process (the code that
/// reads a large state is still being compiled, tier 0 then tier 1), and a cold grain in a warmed
/// process (after <see cref="WarmUps"/> more activations), which is what a silo that has activated
/// many users pays. Each says how much of it was JIT compiling and how much CPU it took.
/// </summary>
public static class ActivationScenario
{
    private const int SnapshotEvery = 500;
    private const int WarmUps = 20;

    public static Task RunAsync(ScenarioSize size) => RunAsync(size == ScenarioSize.Smoke ? [1_000] : [10_000, 100_000, 1_000_000], size);

    /// <summary>The 1,000,000-event user alone, so its first activation is the first in a fresh process.</summary>
    public static Task RunLargestAsync(ScenarioSize size) => RunAsync(size == ScenarioSize.Smoke ? [1_000] : [1_000_000], size);

    private static async Task RunAsync(long[] histories, ScenarioSize size)
    {
        foreach (var events in histories)
        {
            using var scratch = new TempDirectory();
            var path = scratch.File("events.db");
            var userId = Ids.New("u");
            var seedSeconds = await HistorySeeder.SeedAsync(path, userId, events, SnapshotEvery);

            var replayMs = await FullReplayMsAsync(path, userId);
            await using var silo = await BenchSilo.StartAsync(path, SnapshotEvery);
            var first = await ActivateAsync(silo, userId, 5);
            var stats = first.Stats;
            Report.Row($"cold activation, {events:#,0} events (first call, median of 5; vs full replay)", first.Median(s => s.WallMs), "ms", replayMs, higherIsBetter: false);
            Report.Row($"  of which storage load, {events:#,0} events (replayed {stats.ReplayedEvents} after snapshot v{stats.SnapshotVersion})", first.Median(s => s.LoadMs), "ms");
            Report.Row($"  the first of the five, {events:#,0} events (JIT compiling {first.Samples[0].JitMs:0} ms, CPU {first.Samples[0].CpuMs:0} ms)", first.Samples[0].WallMs, "ms");
            Report.Row($"  JIT compiling during an activation of the five, {events:#,0} events (median; CPU {first.Median(s => s.CpuMs):0.0} ms)", first.Median(s => s.JitMs), "ms");

            _ = await ActivateAsync(silo, userId, WarmUps);
            var warmed = await ActivateAsync(silo, userId, 5);
            Report.Row($"cold activation in a warmed process, {events:#,0} events (after {WarmUps + 5} activations; median of 5)", warmed.Median(s => s.WallMs), "ms", replayMs, higherIsBetter: false);
            Report.Row($"  of which storage load, {events:#,0} events", warmed.Median(s => s.LoadMs), "ms");
            Report.Row($"  its CPU time, all threads, {events:#,0} events (JIT compiling {warmed.Median(s => s.JitMs):0.0} ms, gen0 collections {warmed.Samples.Sum(s => s.Gen0)} in 5)", warmed.Median(s => s.CpuMs), "ms");
            if (size != ScenarioSize.Smoke)
            {
                await ActivationBreakdown.RunAsync(path, userId, events);
            }

            Report.Note($"seeded {events:#,0} events in {seedSeconds:0.0} s ({events / seedSeconds:#,0} events/s with snapshots every {SnapshotEvery})");
        }
    }

    private static async Task<Activations> ActivateAsync(BenchSilo silo, string userId, int count)
    {
        var samples = new List<Activation>();
        ActivationStats? stats = null;
        for (var i = 0; i < count; i++)
        {
            await silo.DeactivateAllAsync();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var jit = JitInfo.GetCompilationTime();
            var gen0 = GC.CollectionCount(0);
            var started = Stopwatch.GetTimestamp();
            stats = await silo.Grains.GetGrain<IUserGrain>(userId).GetActivationStats();
            samples.Add(new Activation(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                stats.LoadMilliseconds,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,
                (JitInfo.GetCompilationTime() - jit).TotalMilliseconds,
                GC.CollectionCount(0) - gen0));
        }

        return new Activations(samples, stats ?? throw new InvalidOperationException("No activation was measured."));
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

    /// <summary>One cold activation: its time to the first answer, the grain's storage load, the process's CPU and JIT time meanwhile.</summary>
    private sealed record Activation(double WallMs, double LoadMs, double CpuMs, double JitMs, int Gen0);

    private sealed record Activations(List<Activation> Samples, ActivationStats Stats)
    {
        public double Median(Func<Activation, double> figure) => Samples.Select(figure).Order().ElementAt(Samples.Count / 2);
    }
}
