using Companion.EventLog.Diagnostics;
using Companion.Silo.Api;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Companion.Silo.Hosting;

/// <summary>Companion metrics (<see cref="CompanionMetrics"/>) exported for Prometheus at <c>/metrics</c>, admin only.</summary>
public static class Observability
{
    public static WebApplicationBuilder AddCompanionMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CompanionMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("companion-silo"))
            .WithMetrics(metrics => metrics
            .AddMeter(CompanionMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint; scrapers send the admin token as a bearer token.</summary>
    public static IEndpointConventionBuilder MapCompanionMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Admin);
}
