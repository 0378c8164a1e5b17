using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Grains;

namespace Companion.Benchmarks.Scenarios;

/// <summary>Managed heap bytes per active, idle user grain, with many users activated at once.</summary>
public static class MemoryScenario
{
    public static async Task RunAsync(ScenarioSize size)
    {
        var users = size == ScenarioSize.Smoke ? 200 : 10_000;
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
        var before = Settle();
        foreach (var chunk in ids.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(id => silo.Grains.GetGrain<IUserGrain>(id).GetActivationStats()));
        }

        var after = Settle();
        Report.Row($"managed bytes per active idle user grain ({users:#,0} users, 1 companion, 4 events each)", (after - before) / (double)users, "bytes");
    }

    private static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
