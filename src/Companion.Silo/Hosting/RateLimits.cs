using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Companion.Silo.Hosting;

/// <summary>The <c>RateLimits</c> configuration section. Rates are per second, sustained; bursts are bucket sizes.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Writes (POST, PUT, PATCH, DELETE) per user token.</summary>
    public double UserWritesPerSecond { get; set; } = 20;

    public int UserWriteBurst { get; set; } = 60;

    /// <summary>Archive exports per user token, per minute.</summary>
    public int UserExportsPerMinute { get; set; } = 6;

    /// <summary>Every request that carries no valid token (or a malformed one), per client IP.</summary>
    public double AnonymousRequestsPerSecond { get; set; } = 20;

    public int AnonymousBurst { get; set; } = 60;
}

/// <summary>
/// Per-user limits on writes and exports, keyed by the user token's user, and a per-IP limit on
/// requests without a valid token. The admin token is not limited: it is the operator's and a
/// companion app's backend may carry many users' traffic from one address. Refusals are 429
/// with <c>Retry-After</c> and a problem body.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddCompanionRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, $"Slow down: retry after {retryAfter} s. Limits are documented in the README.");
            };
            if (options.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(Writes(options), Exports(options), Anonymous(options));
            }
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> Writes(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            UserOf(http) is { } user && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter("w:" + user, _ => Bucket(options.UserWritesPerSecond, options.UserWriteBurst))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Exports(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            UserOf(http) is { } user && http.Request.Path.Value?.EndsWith("/export", StringComparison.Ordinal) == true
                ? RateLimitPartition.GetTokenBucketLimiter("e:" + user, _ => Bucket(options.UserExportsPerMinute / 60.0, Math.Max(1, options.UserExportsPerMinute)))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Anonymous(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.User.Identity?.IsAuthenticated != true && http.Request.Path.StartsWithSegments("/v1")
                ? RateLimitPartition.GetTokenBucketLimiter("ip:" + http.Connection.RemoteIpAddress, _ => Bucket(options.AnonymousRequestsPerSecond, options.AnonymousBurst))
                : RateLimitPartition.GetNoLimiter(""));

    private static string? UserOf(HttpContext http) =>
        http.User.IsAdmin() ? null : http.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst)
    {
        var period = TimeSpan.FromMilliseconds(100);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond * period.TotalSeconds)),
            ReplenishmentPeriod = perSecond * period.TotalSeconds >= 1 ? period : TimeSpan.FromSeconds(1 / perSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
