using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// A real Azurite blob service (from <c>infra/azurite</c>, installed by <c>./test.sh</c>) on
/// 127.0.0.1 with a port of its own choosing, a fresh data folder, and no telemetry. Stopped by
/// process id, and its folder deleted, on dispose. Starting fails loudly, saying why and how to
/// install it; tests that need it never skip.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account and key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _location;

    private AzuriteFixture(Process process, string location, Uri blobEndpoint)
    {
        _process = process;
        _location = location;
        BlobEndpoint = blobEndpoint;
    }

    /// <summary>The folder where this Azurite keeps its blobs on disk.</summary>
    public string Location => _location;

    /// <summary>The blob service, e.g. <c>http://127.0.0.1:41234/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>A connection string for the blob service.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>Starts Azurite and waits until it listens.</summary>
    public static Task<AzuriteFixture> StartAsync() =>
        StartAsync(Path.Combine(RepositoryRoot.Path, "infra", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js"));

    /// <summary>Starts the Azurite blob service at <paramref name="script"/> (tests point it elsewhere to see the failure).</summary>
    internal static async Task<AzuriteFixture> StartAsync(string script)
    {
        var watchdog = Path.Combine(RepositoryRoot.Path, "infra", "azurite", "exit-with-parent.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {script} is missing. Run ./test.sh (it installs it), or `npm ci --prefix infra/azurite`.");
        }

        var location = Path.Combine(Path.GetTempPath(), "companion-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["COMPANION_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["COMPANION_AZURITE_LOCATION"] = location;
        foreach (var argument in new[] { "--require", watchdog, script, "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", location, "--skipApiVersionCheck", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InvalidOperationException($"Could not start Azurite with node ({e.Message}). Install Node.js and run ./test.sh.", e);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout));
        if (first == listening.Task)
        {
            return new AzuriteFixture(process, location, new Uri(await listening.Task, "devstoreaccount1"));
        }

        Stop(process, location);
        string said;
        lock (output)
        {
            said = output.ToString();
        }

        throw new InvalidOperationException(
            (first == exited ? "Azurite exited while starting" : $"Azurite did not listen within {StartTimeout.TotalSeconds:0} s")
            + $". It said:\n{said}\nRun ./test.sh to (re)install it.");

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop(_process, _location);
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process, string location)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }

        process.Dispose();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    [GeneratedRegex(@"listens on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
