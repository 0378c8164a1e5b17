using System.Diagnostics;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.AzureStorage.Tests;
using Companion.Testing;

namespace Companion.Cluster.Tests;

/// <summary>
/// The real thing: <c>infra/local-cluster.sh up</c> with a state folder and ports of its own
/// (Azurite's blob and table services, three silo processes, nginx in front), and <c>down</c> on dispose.
/// Failure detection is tuned to seconds so a killed silo is declared dead quickly.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private const string Script = "infra/local-cluster.sh";
    private readonly Dictionary<string, string> _environment = [];

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("companion-cluster-").FullName;

    public string AdminToken { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private AzureBlobEventLog? _log;

    public Uri Http { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Each silo's own HTTP address, past nginx (silo 1 first).</summary>
    public IReadOnlyList<Uri> SiloHttp { get; private set; } = [];

    /// <summary>A log of the test's own on the cluster's blob container.</summary>
    public AzureBlobEventLog Log => _log ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public async Task InitializeAsync()
    {
        var ports = TestPorts.Next(13);
        // The test runs from bin/<configuration>/net10.0/; the silo was built with the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        _environment["COMPANION_CLUSTER_DIR"] = StateDirectory;
        _environment["COMPANION_HTTP_PORT"] = ports[0].ToString();
        _environment["COMPANION_SILO_HTTP_PORTS"] = string.Join(' ', ports[1..4]);
        _environment["COMPANION_SILO_PORTS"] = string.Join(' ', ports[4..7]);
        _environment["COMPANION_GATEWAY_PORTS"] = string.Join(' ', ports[7..10]);
        _environment["COMPANION_AZURITE_PORT"] = ports[10].ToString();
        _environment["COMPANION_AZURITE_QUEUE_PORT"] = ports[11].ToString();
        _environment["COMPANION_AZURITE_TABLE_PORT"] = ports[12].ToString();
        _environment["COMPANION_SILO_DLL"] = Path.Combine(RepositoryRoot.Path, "src", "Companion.Silo", "bin", configuration, "net10.0", "Companion.Silo.dll");
        _environment["Companion__AdminToken"] = AdminToken;
        _environment["Companion__TokenSigningKey"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        _environment["Companion__MasterKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _environment["Orleans__ClusterId"] = "fault-test";
        _environment["Orleans__Membership__ProbeTimeout"] = "00:00:01";
        _environment["Orleans__Membership__NumMissedProbesLimit"] = "2";
        _environment["Orleans__Membership__NumVotesForDeathDeclaration"] = "1";
        _environment["Orleans__Membership__TableRefreshTimeout"] = "00:00:02";
        _environment["Operators__ReportInterval"] = "00:00:01";

        // Webhooks to the test's loopback receiver, retried fast and never parked, resumed by a 1 s reminder.
        _environment["Webhooks__AllowLoopbackHttp"] = "true";
        _environment["Webhooks__FirstRetryDelay"] = "00:00:00.200";
        _environment["Webhooks__MaxRetryDelay"] = "00:00:01";
        _environment["Webhooks__MaxAttempts"] = "100000";
        _environment["Webhooks__ResumePeriod"] = "00:00:01";
        _environment["Orleans__ReminderOptions__MinimumReminderPeriod"] = "00:00:01";
        _environment["Logging__LogLevel__Default"] = "Warning";
        Http = new Uri($"http://127.0.0.1:{ports[0]}");
        SiloHttp = ports[1..4].Select(port => new Uri($"http://127.0.0.1:{port}")).ToArray();

        var (status, output) = await RunScriptAsync("up", TimeSpan.FromMinutes(2));
        if (status != 0)
        {
            await RunScriptAsync("down", TimeSpan.FromSeconds(30));
            throw new InvalidOperationException($"{Script} up failed ({status}). Run ./test.sh to install nginx and Azurite. It said:\n{output}\n{LogTails()}");
        }

        var key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        _log = new AzureBlobEventLog(new AzureBlobEventLogOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint=http://127.0.0.1:{ports[10]}/devstoreaccount1;",
        });
    }

    public async Task DisposeAsync()
    {
        await RunScriptAsync("down", TimeSpan.FromSeconds(60));
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    /// <summary>Kills a silo process with SIGKILL (kill -9): no shutdown, no deactivation, nothing flushed.</summary>
    public void KillSilo(int number)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(StateDirectory, "pids", $"silo-{number}.pid")).Trim());
        using var kill = Process.Start("kill", ["-9", pid.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -9 {pid} failed.");
        }
    }

    public string LogTails() => !Directory.Exists(Path.Combine(StateDirectory, "logs")) ? "" : string.Join('\n', Directory.GetFiles(Path.Combine(StateDirectory, "logs")).Select(file =>
        $"--- {Path.GetFileName(file)}\n{string.Join('\n', File.ReadLines(file).TakeLast(15))}"));

    private async Task<(int Status, string Output)> RunScriptAsync(string command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, Script), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{Script} {command} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
