using Companion.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Operators;

/// <summary>
/// Adds each silo's growth since its last report to the cluster totals and keeps its latest row,
/// in grain storage (<see cref="OrleansStateHosting.GrainStorage"/>: Azure Table storage in a
/// cluster), so the totals survive the grain moving or every silo restarting.
/// </summary>
public sealed class ClusterTotalsGrain(
    [PersistentState("cluster-totals", OrleansStateHosting.GrainStorage)] IPersistentState<ClusterTotalsState> state,
    IOptions<OperatorsOptions> options,
    TimeProvider clock) : Grain, IClusterTotalsGrain
{
    /// <summary>A silo not heard from for this long leaves the rows; what it counted stays in the totals.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    public async Task Report(SiloReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var silos = state.State.Silos;
        var earlier = silos.TryGetValue(report.Silo, out var last) ? last.Counters : SiloCounters.Zero;
        state.State.Totals = state.State.Totals.Plus(report.Counters.Since(earlier));
        silos[report.Silo] = report;
        var now = clock.GetUtcNow();
        foreach (var gone in silos.Where(s => now - s.Value.At > ForgetAfter).Select(s => s.Key).ToList())
        {
            silos.Remove(gone);
        }

        await state.WriteStateAsync();
    }

    public Task<ClusterTotals> GetTotals()
    {
        var now = clock.GetUtcNow();
        var stale = options.Value.ReportInterval * 3;
        var rows = state.State.Silos.Values
            .OrderBy(s => s.Silo, StringComparer.Ordinal)
            .Select(s => new ClusterTotals.SiloRow(s.Silo, s.At, now - s.At <= stale, s.Counters, s.ActiveUserGrains))
            .ToList();
        return Task.FromResult(new ClusterTotals(
            state.State.Totals,
            rows.Where(r => r.Current).Sum(r => r.ActiveUserGrains),
            rows,
            rows.Count == 0 ? null : rows.Max(r => r.ReportedAt)));
    }
}
