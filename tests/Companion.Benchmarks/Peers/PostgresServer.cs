using System.Diagnostics;
using System.Globalization;
using System.Text;
using Companion.Testing;

namespace Companion.Benchmarks.Peers;

/// <summary>
/// A real PostgreSQL from Debian's <c>postgresql</c> package, for the Marten peer: its own cluster
/// made by <c>initdb</c> in a temp directory, listening on 127.0.0.1 at a port of its own, with the
/// durability a user gets by default (<c>fsync</c> and <c>synchronous_commit</c> on). The server
/// is this process's child, stopped (fast shutdown) and its directory deleted on dispose. As root,
/// the cluster belongs to the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// Starting fails loudly, saying why and how to install it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "bench";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _bin;
    private readonly string _directory;
    private readonly string? _runAs;

    private PostgresServer(Process process, string bin, string directory, string? runAs, int port)
    {
        _process = process;
        _bin = bin;
        _directory = directory;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Which PostgreSQL this is, e.g. "PostgreSQL 15.18".</summary>
    public string Version { get; private set; } = "";

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=true;Maximum Pool Size=64";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. Run ./test.sh (infra/install-test-deps.sh installs Debian's postgresql), or `apt-get install postgresql`.");
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var directory = Directory.CreateTempSubdirectory("companion-bench-pg-").FullName;
        var data = Path.Combine(directory, "data");
        if (runAs is not null)
        {
            await RunAsync("chown", [runAs, directory]);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], runAs);
        var port = TestPorts.Next();
        var start = Command(Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", directory, "-c", "listen_addresses=127.0.0.1",
             "-c", "max_connections=200", "-c", "fsync=on", "-c", "synchronous_commit=on"], runAs);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for postgres.");
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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

            if (line.Contains("ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServer(process, bin, directory, runAs, port);
        var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            await server.DisposeAsync();
            string said;
            lock (output)
            {
                said = output.ToString();
            }

            throw new InvalidOperationException(
                (process.HasExited ? "PostgreSQL exited while starting" : $"PostgreSQL did not accept connections within {StartTimeout.TotalSeconds:0} s")
                + $". It said:\n{said}");
        }

        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → "PostgreSQL 15.18"
        var words = (await RunAsync(Path.Combine(bin, "postgres"), ["--version"], runAs)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(words, "(PostgreSQL)");
        server.Version = "PostgreSQL " + (at >= 0 && at + 1 < words.Length ? words[at + 1] : string.Join(" ", words).Trim());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "stop", "-m", "fast", "-w", "-t", "30"], _runAs);
            }
        }
        catch (InvalidOperationException)
        {
            // Falls through to the kill below.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Scratch data left behind in the temp directory.
        }
    }

    /// <summary>The newest installed PostgreSQL's programs, e.g. <c>/usr/lib/postgresql/15/bin</c>.</summary>
    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Directory, "bin", "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Directory, "bin"))
            .FirstOrDefault();
    }

    /// <summary>A command as <paramref name="runAs"/> (through <c>setpriv</c>, which execs it: no process in between), or as this user.</summary>
    private static ProcessStartInfo Command(string program, IReadOnlyList<string> arguments, string? runAs = null)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAs is not null)
        {
            foreach (var argument in (string[])["--reuid", runAs, "--regid", runAs, "--init-groups", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string? runAs = null)
    {
        using var process = Process.Start(Command(program, arguments, runAs))
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }
}
