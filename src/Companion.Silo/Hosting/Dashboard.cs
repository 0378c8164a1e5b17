using Companion.Silo.Api;
using Companion.Silo.Operators;
using Orleans.Dashboard;

namespace Companion.Silo.Hosting;

/// <summary>The Orleans Dashboard at <c>/dashboard</c> on every silo, admin only.</summary>
public static class Dashboard
{
    public const string Path = "/dashboard";

    /// <summary>
    /// The panel's policy, except that the dashboard's bundled page sets inline styles and
    /// loads its icon font from its stylesheet; its script is still only its own.
    /// </summary>
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public static ISiloBuilder AddCompanionDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    /// <summary>
    /// Sends every <c>/dashboard</c> response (its pages, scripts, data and its 401s) with the
    /// headers the operators' panel has. Registered before authentication, so refusals carry them too.
    /// </summary>
    public static IApplicationBuilder UseCompanionDashboardHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
            {
                // On starting: the dashboard sets its own caching headers, which these replace.
                context.Response.OnStarting(() =>
                {
                    OperatorPages.Secure(context.Response, Policy);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

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
