using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Companion.Cli.Commands;
using System.Text.Json;

namespace Companion.Cli.Simulate;

/// <summary>
/// Sends one simulated request, timing it; retries a failed one with the same body (so the same
/// messageId or requestId) a bounded number of times, and waits out a 429's Retry-After.
/// </summary>
internal sealed class SimulationClient(HttpClient http, SimulationStats stats, TimeSpan maxRetryAfter, string? token = null)
{
    public const int MaxAttempts = 4;

    /// <summary>A client for the same silo that sends <paramref name="userToken"/> instead of the admin token.</summary>
    public SimulationClient As(string userToken) => new(http, stats, maxRetryAfter, userToken);

    /// <summary>The answer's JSON, or null when the request failed for good (counted as an error).</summary>
    public async Task<JsonElement?> SendAsync(string kind, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        (await SendWithReasonAsync(kind, method, path, body, cancellationToken)).Json;

    /// <summary>The answer's JSON, or why the request failed for good (counted as an error).</summary>
    public async Task<(JsonElement? Json, string? Failure)> SendWithReasonAsync(string kind, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            string status;
            string reason;
            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    stats.Record(kind, Stopwatch.GetElapsedTime(started));
                    return (json, null);
                }

                status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                reason = await SiloConnection.DescribeAsync(response, cancellationToken);
                if (!IsTransient(response.StatusCode))
                {
                    stats.Fail(status);
                    return (null, reason);
                }

                wait = response.Headers.RetryAfter?.Delta is { } delta ? Min(delta, maxRetryAfter) : Backoff(attempt);
            }
            catch (HttpRequestException e)
            {
                status = "network";
                reason = $"cannot reach {http.BaseAddress}: {e.Message}";
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
