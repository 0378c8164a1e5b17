using Companion.Domain;
using Companion.EventLog;
using Companion.EventLog.Diagnostics;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Companion.Silo.Operators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Companion.Silo.Api;

/// <summary>
/// The companion panel at <c>/admin</c> (admin token or admin session): a static page that polls
/// <c>/admin/api/overview</c> (cluster totals, then the serving silo's figures), and a per-user
/// drill-down of figures, never of words.
/// </summary>
public static class OperatorsApi
{
    public static IEndpointRouteBuilder MapOperatorsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(Policies.Admin).WithTags("Operators");
        admin.MapGet("", () => OperatorPages.Asset("panel.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        admin.MapGet("/panel.js", () => OperatorPages.Asset("panel.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        admin.MapGet("/webhooks.js", () => OperatorPages.Asset("webhooks.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        admin.MapGet("/operators.css", () => OperatorPages.Asset("operators.css", "text/css; charset=utf-8")).ExcludeFromDescription();
        var api = admin.MapGroup("/api")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);
        api.MapGet("/overview", GetOverview)
            .WithName("getOverview")
            .WithSummary("The cluster at a glance for the companion panel: silos, storage, appends, activations (admin; figures only).");
        api.MapGet("/users/{userId}", GetUser)
            .WithName("getUserSummary")
            .WithSummary("One user's figures for support: versions, counts by event type, snapshot and activation figures, never words (admin).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPanelWebhooks();
        return app;
    }

    private static async Task<Ok<Overview>> GetOverview(
        CompanionMetrics metrics, SiloStatusHealthCheck silo, HealthCheckService health, IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Overview.BuildAsync(metrics, silo, health, grains, clock, cancellationToken));

    private static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> GetUser(
        string userId, IEventLog log, EventTypeCounts counts, IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken)
    {
        var head = UserIds.IsValid(userId) ? await log.GetHeadAsync(userId, cancellationToken) : StreamHead.Empty;
        if (head.Version == 0)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No user with that id has a log here. User ids look like 'u_' followed by letters and digits.");
        }

        var grain = grains.GetUserGrain(userId);
        var figures = await grain.GetFigures();
        var stats = await grain.GetActivationStats();
        var snapshot = await log.LoadNewestSnapshotAsync(userId, cancellationToken);
        var byType = await counts.CountAsync(userId, head.Version, cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new UserSummary(
            userId,
            head.Version,
            head.Hash,
            figures.RegisteredAt,
            figures.LastEventAt,
            snapshot is null ? null : new UserSummary.SnapshotFigures(snapshot.Version, snapshot.CreatedAt, Math.Round((now - snapshot.CreatedAt).TotalSeconds, 1)),
            figures.Companions,
            figures.Sessions,
            figures.Messages,
            figures.Memories,
            figures.JournalEntries,
            byType,
            new UserSummary.ActivationFigures(stats.SnapshotVersion, stats.ReplayedEvents, Math.Round(stats.LoadMilliseconds, 3), stats.SnapshotsWritten)));
    }
}
