using Companion.EventLog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Companion.Silo.Hosting;

/// <summary>Healthy when the event log's storage answers.</summary>
public sealed class EventLogHealthCheck(IEventLog log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await log.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("The event log answers.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The event log does not answer.", e);
        }
    }
}
