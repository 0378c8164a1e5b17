using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Companion.Benchmarks.Harness;

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
        await using var silo = await SiloProcess.StartAsync(scratch.Path);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = silo.BaseAddress };

        var targets = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => NewSessionAsync(http, silo.AdminToken)));

        var trivial = await LoadAsync(duration, targets, (client, _) => client.GetAsync("/livez"));
        var messages = await LoadAsync(duration, targets, (client, t) => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, t.MessagesUrl)
        {
            Headers = { Authorization = t.Auth },
            Content = JsonContent.Create(new { role = "user", text = "Weather report: foggy, then a little sun." }),
        }));

        Report.Row($"http POST message, {connections} connections (vs GET /livez on the same silo)", messages.Rate, "req/s", trivial.Rate);
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

    /// <summary>The built silo, run as its own process on a free port with a fresh data directory.</summary>
    private sealed class SiloProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private SiloProcess(Process process, Uri baseAddress, string adminToken)
        {
            _process = process;
            BaseAddress = baseAddress;
            AdminToken = adminToken;
        }

        public Uri BaseAddress { get; }

        public string AdminToken { get; }

        public static async Task<SiloProcess> StartAsync(string dataDirectory)
        {
            var dll = LocateSilo();
            var port = FreePort();
            var token = "bench-" + Guid.NewGuid().ToString("N");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    dll, "--urls", $"http://127.0.0.1:{port}", "--Companion:DataDirectory", dataDirectory,
                    "--Companion:AdminToken", token, "--Orleans:SiloPort", FreePort().ToString(), "--Orleans:GatewayPort", FreePort().ToString(),
                    "--Logging:LogLevel:Default", "Warning",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{port}"), token);
            using var probe = new HttpClient { BaseAddress = silo.BaseAddress };
            var deadline = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The silo process exited with code {process.ExitCode} before it answered.");
                }

                try
                {
                    if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                    {
                        return silo;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            await silo.DisposeAsync();
            throw new TimeoutException("The silo process did not become healthy within 60 s.");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static string LocateSilo()
        {
            var here = AppContext.BaseDirectory;
            var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Companion.Grains.sln")))
                {
                    var dll = Path.Combine(dir.FullName, "src", "Companion.Silo", "bin", configuration, "net10.0", "Companion.Silo.dll");
                    return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the silo first ({configuration}).", dll);
                }
            }

            throw new DirectoryNotFoundException("Could not find the repository root (Companion.Grains.sln) above the benchmark.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
