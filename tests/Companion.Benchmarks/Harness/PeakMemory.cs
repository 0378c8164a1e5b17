namespace Companion.Benchmarks.Harness;

/// <summary>Samples the managed heap every few milliseconds while work runs and keeps the peak above the starting point.</summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    private PeakMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(5);
            }
        });
    }

    public static PeakMemory Start() => new();

    /// <summary>The highest managed heap seen, minus the heap before the work started, in MiB.</summary>
    public double PeakAboveBaselineMiB => (Math.Max(_peak, GC.GetTotalMemory(false)) - _baseline) / (1024.0 * 1024);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
