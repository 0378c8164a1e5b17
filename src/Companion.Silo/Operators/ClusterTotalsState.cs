namespace Companion.Silo.Operators;

/// <summary>What <see cref="ClusterTotalsGrain"/> persists: the running totals and each silo's last report.</summary>
[GenerateSerializer]
public sealed class ClusterTotalsState
{
    [Id(0)]
    public SiloCounters Totals { get; set; } = SiloCounters.Zero;

    [Id(1)]
    public Dictionary<string, SiloReport> Silos { get; set; } = new(StringComparer.Ordinal);
}
