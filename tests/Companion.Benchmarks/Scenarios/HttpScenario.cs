using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Companion.Benchmarks.Harness;
using Companion.Testing;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// POST message through the API of a real silo process beside a trivial endpoint of the same
/// silo (<c>/livez</c>), same client, same number of connections.
/// </summary>
public static class HttpScenario
{
    public static async Task RunAsync(ScenarioSize size)
    {
        var connections = size == ScenarioSize.Smoke ? 4 : 64;
        var duration = size == ScenarioSize.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(15);
        using var scratch = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(scratch.Path, "bench-" + Guid.NewGuid().ToString("N"), "--RateLimits:Enabled", "false");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = silo.BaseAddress };

        var targets = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => NewSessionAsync(http, silo.AdminToken)));

        var trivialAllocated = await AllocatedAsync(http, silo.AdminToken);
        var trivialCpu = silo.CpuTime;
        var trivial = await LoadAsync(duration, targets, (client, _) => client.GetAsync("/livez"));
        trivialCpu = silo.CpuTime - trivialCpu;
        trivialAllocated = await AllocatedAsync(http, silo.AdminToken) - trivialAllocated;
        // The body as most clients send one: serialized first, with its Content-Length (JsonContent
        // streams it chunked, which costs the server a chunked parse a typical client never asks for).
        var body = JsonSerializer.SerializeToUtf8Bytes(new { role = "user", text = "Weather report: foggy, then a little sun." });
        var messagesAllocated = await AllocatedAsync(http, silo.AdminToken);
        var messagesCpu = silo.CpuTime;
        var messages = await LoadAsync(duration, targets, (client, t) => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, t.MessagesUrl)
        {
            Headers = { Authorization = t.Auth },
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        }));

        messagesCpu = silo.CpuTime - messagesCpu;
        messagesAllocated = await AllocatedAsync(http, silo.AdminToken) - messagesAllocated;
        Report.Row($"http POST message, {connections} connections (vs GET /livez on the same silo)", messages.Rate, "req/s", trivial.Rate);

        // The silo's CPU time per answered request, all its threads: less disturbed by the
        // machine's other work than the rates, and what bounds them once the cores are busy.
        Report.Row("  silo CPU per request, POST message (vs GET /livez)", messagesCpu.TotalMicroseconds / Math.Max(1, messages.Latencies.Count), "µs",
            trivialCpu.TotalMicroseconds / Math.Max(1, trivial.Latencies.Count), higherIsBetter: false);
        Report.Row("  silo bytes allocated per request, POST message (vs GET /livez)", messagesAllocated / Math.Max(1, messages.Latencies.Count), "B",
            trivialAllocated / Math.Max(1, trivial.Latencies.Count), higherIsBetter: false);
        Report.Row("http POST message latency p50", messages.Latencies.PercentileMs(50), "ms");
        Report.Row("http POST message latency p99", messages.Latencies.PercentileMs(99), "ms");
        Report.Note($"errors: {messages.Errors} of {messages.Latencies.Count + messages.Errors} message requests");
        if (messages.Errors > 0)
        {
            throw new InvalidOperationException($"{messages.Errors} message requests failed.");
        }

        async Task<(double Rate, Latencies Latencies, long Errors)> LoadAsync(
            TimeSpan length, Target[] all, Func<HttpClient, Target, Task<HttpResponseMessage>> send)
        {
            var latencies = new Latencies();
            long errors = 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(all.Select(async target =>
            {
                while (Stopwatch.GetElapsedTime(started) < length)
                {
                    var t = Stopwatch.GetTimestamp();
                    using var response = await send(http, target);
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add(t);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }));
            return (latencies.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies, errors);
        }
    }

    /// <summary>
    /// The bytes the silo process has allocated so far, from the runtime's own counter on its
    /// <c>/metrics</c> (<c>dotnet.gc.heap.total_allocated</c>). The exporter answers from a cache for
    /// 300 ms after a scrape, so it is asked after that has passed.
    /// </summary>
    private static async Task<double> AllocatedAsync(HttpClient http, string adminToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", adminToken) } };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        const string name = "dotnet_gc_heap_total_allocated_bytes_total";
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                // name{labels} value [timestamp]
                var value = line[(line[name.Length] == '{' ? line.IndexOf('}', name.Length) + 1 : name.Length)..];
                var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"The silo's /metrics has no {name}.");
    }

    private static async Task<Target> NewSessionAsync(HttpClient http, string adminToken)
    {
        async Task<JsonElement> Post(string url, object? body, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var user = await Post("/v1/users", new { displayName = "Bench" }, adminToken);
        var userId = user.GetProperty("userId").GetString();
        var token = user.GetProperty("token").GetString()!;
        var companion = (await Post($"/v1/users/{userId}/companions", new { name = "Sol" }, token)).GetProperty("companionId").GetString();
        var session = (await Post($"/v1/users/{userId}/companions/{companion}/sessions", null, token)).GetProperty("sessionId").GetString();
        return new Target($"/v1/users/{userId}/companions/{companion}/sessions/{session}/messages", new AuthenticationHeaderValue("Bearer", token));
    }

    private sealed record Target(string MessagesUrl, AuthenticationHeaderValue Auth);
}
