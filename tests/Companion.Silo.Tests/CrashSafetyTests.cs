using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Companion.EventLog;
using Companion.Testing;

namespace Companion.Silo.Tests;

/// <summary>A silo process killed with SIGKILL in the middle of concurrent writes, restarted on the same data.</summary>
public sealed class CrashSafetyTests
{
    private const string AdminToken = "crash-test-admin-token";

    [Fact]
    public async Task Kill_9_during_concurrent_writes_loses_no_acknowledged_event_and_leaves_no_partial_record()
    {
        var data = Directory.CreateTempSubdirectory("companion-crash-").FullName;
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var attempted = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        List<Writer> writers;
        await using (var silo = await SiloProcess.StartAsync(data, AdminToken, "--RateLimits:Enabled", "false"))
        {
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            writers = [.. await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Writer.CreateAsync(http)))];
            using var stop = new CancellationTokenSource();
            var load = writers.Select(w => w.RunAsync(http, acknowledged, attempted, stop.Token)).ToArray();
            // Killed once the load is well under way, however slow the machine is today.
            await Eventually.TrueAsync(() => acknowledged.Values.Sum(b => b.Count) > 50, "the load was acknowledged 50 times", TimeSpan.FromSeconds(60));
            await silo.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.True(acknowledged.Values.Sum(b => b.Count) > 50, "the load should have been acknowledged many times before the kill");

        await using var restarted = await SiloProcess.StartAsync(data, AdminToken, "--RateLimits:Enabled", "false");
        foreach (var writer in writers)
        {
            // Each user's own token reads their log (the admin token reads no words); the token key is in the data directory.
            using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writer.Token);
            var envelopes = await ReadAllAsync(client, writer.UserId);
            var keys = envelopes.Where(e => e.Type == "message-recorded").Select(e => e.IdempotencyKey!).ToList();

            Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.Empty(acknowledged.GetValueOrDefault(writer.UserId, []).Except(keys));

            // Retrying everything that was attempted (acknowledged or cut off) writes each message exactly once.
            foreach (var key in attempted.GetValueOrDefault(writer.UserId, []))
            {
                var retry = await writer.SendAsync(client, key);
                Assert.True(retry.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"retry of {key}: {(int)retry.StatusCode}");
            }

            var after = (await ReadAllAsync(client, writer.UserId)).Where(e => e.Type == "message-recorded").Select(e => e.IdempotencyKey!).ToList();
            Assert.Equal(after.Count, after.Distinct().Count());
            Assert.Empty(attempted.GetValueOrDefault(writer.UserId, []).Except(after));
        }
    }

    private static async Task<List<EventEnvelope>> ReadAllAsync(HttpClient client, string userId)
    {
        var envelopes = new List<EventEnvelope>();
        long? from = 1;
        while (from is { } start)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/v1/users/{userId}/events?from={start}&limit=1000");
            envelopes.AddRange(page.GetProperty("events").EnumerateArray().Select(e => EnvelopeJson.Parse(Encoding.UTF8.GetBytes(e.GetRawText()))));
            from = page.GetProperty("next").ValueKind == JsonValueKind.Number ? page.GetProperty("next").GetInt64() : null;
        }

        return envelopes;
    }

    private sealed record Writer(string UserId, string Token, string MessagesUrl)
    {
        public static async Task<Writer> CreateAsync(HttpClient http)
        {
            var user = await Post(http, "/v1/users", AdminToken, new { displayName = "Crash" });
            var userId = user.GetProperty("userId").GetString()!;
            var token = user.GetProperty("token").GetString()!;
            var companion = (await Post(http, $"/v1/users/{userId}/companions", token, new { name = "Sol" })).GetProperty("companionId").GetString();
            var session = (await Post(http, $"/v1/users/{userId}/companions/{companion}/sessions", token, null)).GetProperty("sessionId").GetString();
            return new Writer(userId, token, $"/v1/users/{userId}/companions/{companion}/sessions/{session}/messages");
        }

        public async Task RunAsync(HttpClient http, ConcurrentDictionary<string, ConcurrentBag<string>> acknowledged,
            ConcurrentDictionary<string, ConcurrentBag<string>> attempted, CancellationToken stop)
        {
            for (var i = 0; i < 5_000 && !stop.IsCancellationRequested; i++)
            {
                var key = $"{UserId}-{i}";
                attempted.GetOrAdd(UserId, _ => []).Add(key);
                try
                {
                    using var response = await SendAsync(http, key);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.GetOrAdd(UserId, _ => []).Add(key);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return;
                }
            }
        }

        public Task<HttpResponseMessage> SendAsync(HttpClient http, string key) =>
            http.SendAsync(new HttpRequestMessage(HttpMethod.Post, MessagesUrl)
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) },
                Content = JsonContent.Create(new { role = "user", text = $"message {key}", messageId = key }),
            });

        private static async Task<JsonElement> Post(HttpClient http, string url, string token, object? body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
