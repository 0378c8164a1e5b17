using Companion.Silo.Api;
using Orleans.Dashboard;

namespace Companion.Silo.Hosting;

/// <summary>The Orleans Dashboard at <c>/dashboard</c> on every silo, admin only.</summary>
public static class Dashboard
{
    public const string Path = "/dashboard";

    public static ISiloBuilder AddCompanionDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    /// <summary>
    /// Maps the dashboard behind the admin policy, with its grain state viewer closed: a user
    /// grain's state holds people's conversations and journals, which operators never read.
    /// </summary>
    public static IEndpointConventionBuilder MapCompanionDashboard(this WebApplication app)
    {
        app.Use((context, next) =>
            context.Request.Path.StartsWithSegments(Path + "/GrainState", StringComparison.OrdinalIgnoreCase)
                ? Problems.Write(context, StatusCodes.Status404NotFound, "Grain state is not shown: it holds people's words. The companion panel at /admin shows figures per user.")
                : next(context));
        // Not in the OpenAPI document: the dashboard's routes are its own page's, not this service's API.
        return app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(Policies.Admin).ExcludeFromDescription();
    }
}
