using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Grains;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Many users active in one silo at once: managed heap and process working set per active, idle
/// user grain, and how many cold users a silo activates per second. The full run goes to
/// 100,000 users, the edge of this machine that docs/SCALING.md extrapolates from.
/// </summary>
public static class MemoryScenario
{
    public static async Task RunAsync(ScenarioSize size)
    {
        int[] populations = size == ScenarioSize.Smoke ? [200] : [10_000, 100_000];
        foreach (var users in populations)
        {
            await MeasureAsync(users);
        }
    }

    private static async Task MeasureAsync(int users)
    {
        using var scratch = new TempDirectory();
        await using var silo = await BenchSilo.StartAsync(scratch.File("events.db"));
        var ids = Enumerable.Range(0, users).Select(_ => Ids.New("u")).ToArray();
        foreach (var chunk in ids.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(async id =>
            {
                var user = silo.Grains.GetGrain<IUserGrain>(id);
                await user.Register("Bench");
                var companion = await user.CreateCompanion("Sol", Persona.Empty with { Description = "steady" }, null);
                var session = await user.StartSession(companion.Id, null);
                await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "Checking in: a bit tired, mostly okay.", null, null);
            }));
        }

        await silo.DeactivateAllAsync();
        var (heapBefore, setBefore) = Settle();
        var started = Stopwatch.GetTimestamp();
        foreach (var chunk in ids.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(id => silo.Grains.GetGrain<IUserGrain>(id).GetActivationStats()));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (heapAfter, setAfter) = Settle();
        Report.Row($"managed bytes per active idle user grain ({users:#,0} users, 1 companion, 4 events each)", (heapAfter - heapBefore) / (double)users, "bytes");
        Report.Row($"  process working set per active idle user grain (managed, native cipher contexts, Orleans' own), {users:#,0} users", (setAfter - setBefore) / (double)users, "bytes");
        Report.Row($"  cold activations/s, {users:#,0} users, 500 at a time", users / seconds, "activations/s");
    }

    private static (long Heap, long WorkingSet) Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }
}
