using System.Diagnostics;
using System.Globalization;
using System.Net;
using Companion.Client;

namespace Companion.Cli.Simulate;

/// <summary>
/// Makes one simulated call through the typed client, timing it; retries a failed one with the
/// same arguments (so the same messageId or requestId) a bounded number of times, and waits out a
/// 429's Retry-After.
/// </summary>
internal sealed class SimulationClient(CompanionClient api, SimulationStats stats, TimeSpan maxRetryAfter)
{
    public const int MaxAttempts = 4;

    /// <summary>A client for the same silo that sends <paramref name="userToken"/> instead of the admin token.</summary>
    public SimulationClient As(string userToken) => new(api.WithToken(userToken), stats, maxRetryAfter);

    /// <summary>The answer, or null when the call failed for good (counted as an error).</summary>
    public async Task<T?> SendAsync<T>(string kind, Func<CompanionClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class =>
        (await SendWithReasonAsync(kind, call, cancellationToken)).Answer;

    /// <summary>The answer, or why the call failed for good (counted as an error).</summary>
    public async Task<(T? Answer, string? Failure)> SendWithReasonAsync<T>(string kind, Func<CompanionClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            string status;
            string reason;
            TimeSpan wait;
            try
            {
                var answer = await call(api, cancellationToken);
                stats.Record(kind, Stopwatch.GetElapsedTime(started));
                return (answer, null);
            }
            catch (CompanionApiException e)
            {
                status = ((int)e.StatusCode).ToString(CultureInfo.InvariantCulture);
                reason = e.Message;
                if (!IsTransient(e.StatusCode))
                {
                    stats.Fail(status);
                    return (null, reason);
                }

                wait = e.RetryAfter is { } delta ? Min(delta, maxRetryAfter) : Backoff(attempt);
            }
            catch (HttpRequestException e)
            {
                status = "network";
                reason = $"cannot reach {api.BaseAddress}: {e.Message}";
                wait = Backoff(attempt);
            }

            if (attempt == MaxAttempts)
            {
                stats.Fail(status);
                return (null, reason);
            }

            stats.Retry();
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(100 * (1 << attempt));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
