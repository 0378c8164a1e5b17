using Companion.EventLog.Diagnostics;
using Companion.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Companion.Silo.Operators;

/// <summary>
/// What the companion panel shows: the cluster's totals and per-silo rows (the same whichever
/// silo answers), then the figures of the silo that serves it. Figures only, no user's data.
/// </summary>
public sealed record Overview(
    DateTimeOffset At,
    Overview.SiloFigures Silo,
    Overview.EventFigures Events,
    Overview.LatencyFigures AppendLatency,
    Overview.BatchFigures GroupCommit,
    Overview.SnapshotFigures Snapshots,
    Overview.ActivationFigures Activations,
    Overview.StorageFigures Storage,
    ContinuityTotals Continuity,
    ClusterTotals Cluster)
{
    /// <summary>Rates and percentiles cover this much of the recent past.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public sealed record SiloFigures(string Name, string Status);

    public sealed record EventFigures(long Total, double PerSecond, long Conflicts, IReadOnlyDictionary<string, long> ByType);

    public sealed record LatencyFigures(int Samples, double P50Ms, double P99Ms, double MaxMs);

    public sealed record BatchFigures(long Batches, double MeanBatchSize);

    public sealed record SnapshotFigures(long Written);

    public sealed record ActivationFigures(long Active, long Total, double LoadP50Ms, double LoadP99Ms, double ReplayedMean, double ReplayedMax);

    public sealed record StorageFigures(string Status, string Description);

    /// <summary>Reads the metrics and asks the storage check; the check's exception, if any, is not shown.</summary>
    public static async Task<Overview> BuildAsync(
        CompanionMetrics metrics, SiloStatusHealthCheck silo, HealthCheckService health, IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken)
    {
        var cluster = await grains.GetGrain<IClusterTotalsGrain>(0).GetTotals();
        var totals = metrics.ReadTotals();
        var appends = metrics.RecentAppends.Summarise(Window);
        var loads = metrics.RecentActivations.Summarise(Window);
        var replays = metrics.RecentReplays.Summarise(Window);
        var report = await health.CheckHealthAsync(r => r.Name == HealthChecks.EventLog, cancellationToken);
        var storage = report.Entries.TryGetValue(HealthChecks.EventLog, out var entry)
            ? new StorageFigures(entry.Status.ToString(), entry.Description ?? "")
            : new StorageFigures(report.Status.ToString(), "");

        return new Overview(
            clock.GetUtcNow(),
            new SiloFigures(silo.SiloName, silo.Status.ToString()),
            new EventFigures(totals.EventsAppended, Math.Round(appends.WeightPerSecond, 2), totals.Conflicts, totals.EventsByType),
            new LatencyFigures(appends.Count, Ms(appends.P50), Ms(appends.P99), Ms(appends.Max)),
            new BatchFigures(totals.Batches, totals.Batches == 0 ? 0 : Math.Round((double)totals.BatchedRequests / totals.Batches, 2)),
            new SnapshotFigures(totals.SnapshotsWritten),
            new ActivationFigures(totals.ActiveUserGrains, totals.Activations, Ms(loads.P50), Ms(loads.P99), Math.Round(replays.Mean, 1), replays.Max),
            storage,
            totals.Continuity,
            cluster);
    }

    private static double Ms(double seconds) => Math.Round(seconds * 1000, 3);
}
