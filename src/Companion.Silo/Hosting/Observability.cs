using Companion.EventLog.Diagnostics;
using Companion.Silo.Api;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Companion.Silo.Hosting;

/// <summary>
/// Companion metrics (<see cref="CompanionMetrics"/>) and the runtime's own (<c>System.Runtime</c>:
/// garbage collections, bytes allocated, thread pool, CPU) exported for Prometheus at <c>/metrics</c>,
/// admin only. The runtime's figures are mostly observed when scraped, not recorded per request.
/// </summary>
public static class Observability
{
    /// <summary>The runtime's built-in meter (process-wide: every silo in one process reports the same figures).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    public static WebApplicationBuilder AddCompanionMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CompanionMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("companion-silo"))
            .WithMetrics(metrics => metrics
            .AddMeter(CompanionMetrics.MeterName, RuntimeMeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint; scrapers send the admin token as a bearer token.</summary>
    public static IEndpointConventionBuilder MapCompanionMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Admin);
}
