using System.Diagnostics;

namespace Companion.Testing;

/// <summary>
/// The built silo run as a real process on free loopback ports (<see cref="TestPorts"/>), for
/// tests and benchmarks that need a real socket or a real crash (<see cref="KillAsync"/> sends SIGKILL).
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

    /// <summary>The CPU time the silo process has used so far, all its threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts the silo and waits until it answers <c>/livez</c>. A start that fails because one of
    /// its ports was taken in the meantime by a process outside the tests is tried again on new ports.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string dataDirectory, string adminToken, params string[] extraArguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, adminToken, extraArguments);
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // New ports on the next attempt.
            }
        }
    }

    private static async Task<SiloProcess> StartOnceAsync(string dataDirectory, string adminToken, string[] extraArguments)
    {
        var dll = Locate();
        var port = TestPorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--Companion:DataDirectory", dataDirectory,
            "--Companion:AdminToken", adminToken, "--Orleans:SiloPort", TestPorts.Next().ToString(), "--Orleans:GatewayPort", TestPorts.Next().ToString(),
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
                await process.WaitForExitAsync();
                if (output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || line.Contains("AddressInUseException", StringComparison.Ordinal)))
                {
                    throw new PortTakenException();
                }

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

    private sealed class PortTakenException : Exception;
}
