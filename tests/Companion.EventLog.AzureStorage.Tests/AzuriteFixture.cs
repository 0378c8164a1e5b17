using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// A real Azurite (from <c>infra/azurite</c>, installed by <c>./test.sh</c>): its blob service for
/// the event log and its table service for Orleans membership, reminders and grain state, each on
/// 127.0.0.1 with a port of its own choosing (the queue service runs too, unused), a fresh data folder, and no telemetry. Stopped by
/// process id, and its folder deleted, on dispose. Starting fails loudly, saying why and how to
/// install it; tests that need it never skip.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account and key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90); // node starts slowly on a loaded 2-core machine; a healthy start takes about a second

    private readonly Process _process;
    private readonly string _location;

    private AzuriteFixture(Process process, string location, Uri blobEndpoint, Uri tableEndpoint)
    {
        _process = process;
        _location = location;
        BlobEndpoint = blobEndpoint;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>The folder where this Azurite keeps its blobs on disk.</summary>
    public string Location => _location;

    /// <summary>The blob service, e.g. <c>http://127.0.0.1:41234/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The table service, e.g. <c>http://127.0.0.1:41235/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A connection string for the account: its blob and table services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Starts Azurite and waits until its blob and table services listen.</summary>
    public static Task<AzuriteFixture> StartAsync() =>
        StartAsync(Path.Combine(RepositoryRoot.Path, "infra", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js"));

    /// <summary>Starts the Azurite at <paramref name="script"/> (tests point it elsewhere to see the failure).</summary>
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
        foreach (var argument in new[]
        {
            "--require", watchdog, script, "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0", "--location", location, "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        })
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
        var blob = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var table = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = Task.WhenAll(blob.Task, table.Task);
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening, exited, Task.Delay(StartTimeout));
        if (first == listening)
        {
            return new AzuriteFixture(process, location, new Uri(await blob.Task, "devstoreaccount1"), new Uri(await table.Task, "devstoreaccount1"));
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
                var service = match.Groups["service"].Value == "Blob" ? blob : table;
                service.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
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

    [GeneratedRegex(@"Azurite (?<service>Blob|Table) service is successfully listening at (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
