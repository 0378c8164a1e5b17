using Companion.EventLog.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Companion.Silo.Operators;

/// <summary>
/// Reports this silo's counters into <see cref="IClusterTotalsGrain"/> every
/// <see cref="OperatorsOptions.ReportInterval"/> once the silo is active. A report that fails
/// (the grain moving while a silo dies) is logged and the next one carries the same counters, so
/// nothing is counted twice or lost.
/// </summary>
public sealed class ClusterTotalsReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    CompanionMetrics metrics,
    IOptions<OperatorsOptions> options,
    TimeProvider clock,
    ILogger<ClusterTotalsReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval, clock);
        do
        {
            try
            {
                await ReportAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Reporting this silo's figures into the cluster totals failed ({Error}); the next report carries them.", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends the counters now.</summary>
    public Task ReportAsync()
    {
        var totals = metrics.ReadTotals();
        var counters = new SiloCounters(totals.EventsAppended, totals.Conflicts, totals.SnapshotsWritten, totals.Activations);
        return grains.GetGrain<IClusterTotalsGrain>(0).Report(new SiloReport(silo.SiloAddress.ToString(), clock.GetUtcNow(), counters, totals.ActiveUserGrains));
    }
}
