using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Companion.Testing;

/// <summary>
/// The built silo run as a real process on a free loopback port, for tests and benchmarks that
/// need a real socket or a real crash (<see cref="Kill"/> sends SIGKILL). Shared by linking this file.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri baseAddress, string adminToken, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string AdminToken { get; }

    public string DataDirectory { get; }

    public static async Task<SiloProcess> StartAsync(string dataDirectory, string adminToken, params string[] extraArguments)
    {
        var dll = Locate();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--Companion:DataDirectory", dataDirectory,
            "--Companion:AdminToken", adminToken, "--Orleans:SiloPort", FreePort().ToString(), "--Orleans:GatewayPort", FreePort().ToString(),
            "--Logging:LogLevel:Default", "Warning",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{port}"), adminToken, dataDirectory);
        using var probe = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo process exited with code {process.ExitCode} before it answered:\n{string.Join('\n', output.TakeLast(30))}");
            }

            try
            {
                if ((await probe.GetAsync("/livez")).IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await silo.DisposeAsync();
        throw new TimeoutException($"The silo process did not answer within 90 s:\n{string.Join('\n', output.TakeLast(30))}");
    }

    /// <summary>Kills the process at once (SIGKILL on Linux): no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>The silo's dll: beside the caller when it references the silo, else its own build output.</summary>
    private static string Locate()
    {
        var here = AppContext.BaseDirectory;
        var beside = Path.Combine(here, "Companion.Silo.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(here, "Companion.Silo.runtimeconfig.json")))
        {
            return beside;
        }

        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Companion.Grains.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Companion.Silo", "bin", configuration, "net10.0", "Companion.Silo.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the silo first ({configuration}).", dll);
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository root (Companion.Grains.sln).");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
