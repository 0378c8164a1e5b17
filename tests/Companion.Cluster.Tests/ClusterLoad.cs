using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Companion.Cluster.Tests;

/// <summary>
/// Bounded load through the cluster's front door: users send messages with client message ids
/// one after another, retrying a failed request with the same id until it is acknowledged
/// (or a minute passes). Counts requests and retries.
/// </summary>
public sealed class ClusterLoad(Uri front, string adminToken)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { BaseAddress = front, Timeout = TimeSpan.FromSeconds(15) };
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _requests;
    private int _retried;
    private long _lastRecoveredAtTicks;

    public int Requests => _requests;

    public int Retried => _retried;

    /// <summary>When (on this load's clock) the last request that had failed was finally acknowledged.</summary>
    public TimeSpan LastRecoveredAt => TimeSpan.FromTicks(Interlocked.Read(ref _lastRecoveredAtTicks));

    public TimeSpan Now => _clock.Elapsed;

    public async Task<LoadUser> NewUserAsync()
    {
        var user = await SendAsync<UserCreated>(HttpMethod.Post, "/v1/users", adminToken, new { displayName = "Robin" });
        var companion = await SendAsync<CompanionCreated>(HttpMethod.Post, $"/v1/users/{user.UserId}/companions", user.Token,
            new { name = "Sol", persona = new { description = "A calm friend." }, requestId = "setup-companion" });
        var session = await SendAsync<SessionStarted>(HttpMethod.Post, $"/v1/users/{user.UserId}/companions/{companion.CompanionId}/sessions", user.Token,
            new { requestId = "setup-session" });
        return new LoadUser(user.UserId, user.Token, companion.CompanionId, session.SessionId);
    }

    /// <summary>Sends one message until acknowledged; returns the version the server acknowledged.</summary>
    public async Task<long> SendMessageAsync(LoadUser user, string messageId, string text)
    {
        var path = $"/v1/users/{user.UserId}/companions/{user.CompanionId}/sessions/{user.SessionId}/messages";
        var answer = await SendAsync<MessageRecorded>(HttpMethod.Post, path, user.Token, new { role = "user", text, messageId });
        return answer.Version;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string token, object body)
    {
        var failed = false;
        var started = _clock.Elapsed;
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            string problem;
            try
            {
                using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    var result = await response.Content.ReadFromJsonAsync<T>() ?? throw new InvalidOperationException($"{path}: empty answer.");
                    if (failed)
                    {
                        Interlocked.Exchange(ref _lastRecoveredAtTicks, Math.Max(Interlocked.Read(ref _lastRecoveredAtTicks), _clock.Elapsed.Ticks));
                    }

                    return result;
                }

                problem = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode < HttpStatusCode.InternalServerError)
                {
                    throw new InvalidOperationException($"{method} {path} was refused, which no retry will change: {problem}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                problem = e.Message;
            }

            if (_clock.Elapsed - started > Deadline)
            {
                throw new TimeoutException($"{method} {path} still failed after {Deadline.TotalSeconds:0} s: {problem}");
            }

            failed = true;
            Interlocked.Increment(ref _retried);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 * attempt)));
        }
    }

    public sealed record LoadUser(string UserId, string Token, string CompanionId, string SessionId);

    private sealed record UserCreated(string UserId, string Token);

    private sealed record CompanionCreated(string CompanionId);

    private sealed record SessionStarted(string SessionId);

    private sealed record MessageRecorded(string MessageId, long Version);
}
