using Companion.EventLog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Companion.Silo.Hosting;

/// <summary>
/// Healthy when the event log's storage answers and takes writes. The log is resolved inside the
/// check, so a log that cannot even open (a read-only data directory at start) is reported
/// Unhealthy (503) and logged, instead of failing the health endpoint itself.
/// </summary>
public sealed class EventLogHealthCheck(IServiceProvider services, ILogger<EventLogHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await services.GetRequiredService<IEventLog>().PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("The event log answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "The event log is not ready");
            return HealthCheckResult.Unhealthy("The event log does not answer or refuses writes.", e);
        }
    }
}
