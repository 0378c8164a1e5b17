using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Companion.Silo.Hosting;

/// <summary>
/// <c>/healthz</c>: storage reachability and silo readiness, anonymous, in the ASP.NET Core health
/// checks JSON shape (<c>status</c>, <c>totalDuration</c>, <c>entries</c> with a status per check).
/// It says only what is up; exceptions and their messages stay in the log.
/// </summary>
public static class HealthChecks
{
    public const string EventLog = "event-log";
    public const string Silo = "silo";

    public static IServiceCollection AddCompanionHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<SiloStatusHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<EventLogHealthCheck>(EventLog)
            .AddCheck<SiloStatusHealthCheck>(Silo);
        return services;
    }

    public static IEndpointConventionBuilder MapCompanionHealthChecks(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteString("totalDuration", report.TotalDuration.ToString("c"));
        writer.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            writer.WriteString("description", entry.Description);
            writer.WriteString("duration", entry.Duration.ToString("c"));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
