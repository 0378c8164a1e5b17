using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Companion.Silo.Hosting;

/// <summary>
/// Per-user limits on writes, reads and exports, keyed by the user token's user; per-IP limits
/// on requests without a valid token and on operator logins. Which limit applies is decided by
/// the endpoint routing matched (its metadata), never by the raw path, so a path in another case
/// or with a trailing slash, which routing matches all the same, meets the same limit. The admin
/// token is not limited: it is the operator's, and a companion app's backend may carry many
/// users' traffic from one address. Refusals are 429 with <c>Retry-After</c> and a problem body.
/// </summary>
public static class RateLimits
{
    /// <summary>Marks the archive export endpoint, which has a limit of its own.</summary>
    public static readonly RateLimitedEndpoint ExportEndpoint = new("export");

    /// <summary>Marks the chat history import, limited per minute as an import rather than as one write per message.</summary>
    public static readonly RateLimitedEndpoint HistoryImportEndpoint = new("history-import");

    /// <summary>Marks the operator login endpoint, limited per client IP.</summary>
    public static readonly RateLimitedEndpoint LoginEndpoint = new("login");

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
                limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                    Writes(options), Reads(options), Exports(options), HistoryImports(options), Anonymous(options), Logins(options));
            }
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> Writes(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            UserOf(http) is { } user && !IsRead(http)
                ? RateLimitPartition.GetTokenBucketLimiter("w:" + user, _ => Bucket(options.UserWritesPerSecond, options.UserWriteBurst))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Reads(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            UserOf(http) is { } user && IsRead(http)
                ? RateLimitPartition.GetTokenBucketLimiter("r:" + user, _ => Bucket(options.UserReadsPerSecond, options.UserReadBurst))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Exports(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            UserOf(http) is { } user && Marked(http) == ExportEndpoint
                ? RateLimitPartition.GetTokenBucketLimiter("e:" + user, _ => Bucket(options.UserExportsPerMinute / 60.0, Math.Max(1, options.UserExportsPerMinute)))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> HistoryImports(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            UserOf(http) is { } user && Marked(http) == HistoryImportEndpoint
                ? RateLimitPartition.GetTokenBucketLimiter("h:" + user, _ => Bucket(options.UserHistoryImportsPerMinute / 60.0, Math.Max(1, options.UserHistoryImportsPerMinute)))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Anonymous(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.User.Identity?.IsAuthenticated != true && http.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetTokenBucketLimiter("ip:" + http.Connection.RemoteIpAddress, _ => Bucket(options.AnonymousRequestsPerSecond, options.AnonymousBurst))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Logins(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            Marked(http) == LoginEndpoint && HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter("login:" + http.Connection.RemoteIpAddress, _ => Bucket(options.LoginsPerMinute / 60.0, Math.Max(1, options.LoginsPerMinute)))
                : RateLimitPartition.GetNoLimiter(""));

    /// <summary>The limit the matched endpoint carries, if any.</summary>
    private static RateLimitedEndpoint? Marked(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>();

    private static bool IsRead(HttpContext http) => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);

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

/// <summary>Endpoint metadata naming a rate limit of its own (see <see cref="RateLimits"/>).</summary>
/// <param name="Name">The limit's name.</param>
public sealed record RateLimitedEndpoint(string Name);
