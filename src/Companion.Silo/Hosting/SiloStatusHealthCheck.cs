using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Companion.Silo.Hosting;

/// <summary>Ready when this silo is an active member of its cluster; not ready while it joins or leaves.</summary>
public sealed class SiloStatusHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public SiloStatus Status => oracle.CurrentStatus;

    public string SiloName => oracle.SiloName;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Status == SiloStatus.Active
            ? HealthCheckResult.Healthy("ready: the silo is an active cluster member.")
            : HealthCheckResult.Unhealthy($"not ready: the silo is {Status}."));
}
