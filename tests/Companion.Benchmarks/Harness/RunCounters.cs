namespace Companion.Benchmarks.Harness;

/// <summary>
/// What the process spent over a timed part of a run: CPU time (all threads), bytes allocated
/// (all threads, exact), collections per generation and the time paused for them. Per event,
/// CPU and bytes are the figures the machine's other work disturbs least.
/// </summary>
public readonly record struct RunCounters(TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static RunCounters Now() => new(
        ProcessCpu.Now(),
        GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration());

    /// <summary>What was spent between <paramref name="start"/> and now.</summary>
    public static RunCounters Since(RunCounters start)
    {
        var now = Now();
        return new(now.Cpu - start.Cpu, now.AllocatedBytes - start.AllocatedBytes,
            now.Gen0 - start.Gen0, now.Gen1 - start.Gen1, now.Gen2 - start.Gen2, now.Paused - start.Paused);
    }

    /// <summary>"gen0 / gen1 / gen2" collection counts.</summary>
    public string Collections => $"{Gen0} / {Gen1} / {Gen2}";
}
