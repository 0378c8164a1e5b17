using System.Diagnostics;

namespace Companion.Continuity.Tests;

/// <summary>
/// The ZIP readers other people use, started for real: Info-ZIP <c>unzip</c> and Python's
/// <c>zipfile</c> (both installed by infra/install-test-deps.sh). A missing tool fails the test
/// that needs it, saying which.
/// </summary>
internal static class ZipTools
{
    /// <summary>
    /// Python's <c>zipfile</c>: <c>testzip()</c> (every entry's CRC-32), then each entry's name,
    /// size and SHA-256, one per line, sorted by name.
    /// </summary>
    private const string PythonListing = """
        import hashlib, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            bad = z.testzip()
            if bad is not None:
                sys.exit('bad entry: ' + bad)
            for info in sorted(z.infolist(), key=lambda i: i.filename):
                h = hashlib.sha256()
                with z.open(info) as f:
                    for chunk in iter(lambda: f.read(1 << 20), b''):
                        h.update(chunk)
                print(info.filename, info.file_size, h.hexdigest())
        """;

    /// <summary>Runs <c>unzip -t</c> on <paramref name="path"/>; returns its output, failing when it finds anything wrong.</summary>
    public static async Task<string> UnzipTestAsync(string path)
    {
        var (exit, output, error) = await RunAsync("unzip", ["-t", path]);
        Assert.True(exit == 0, $"unzip -t exited with {exit}:\n{output}\n{error}");
        Assert.Contains("No errors detected", output);
        return output;
    }

    /// <summary>Every entry as Python's <c>zipfile</c> reads it: "name size sha256" lines, sorted by name.</summary>
    public static async Task<IReadOnlyList<string>> PythonListingAsync(string path)
    {
        var (exit, output, error) = await RunAsync("python3", ["-c", PythonListing, path]);
        Assert.True(exit == 0, $"python3 zipfile exited with {exit}:\n{error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The same listing, from entries read by System.IO.Compression.</summary>
    public static IReadOnlyList<string> Listing(IEnumerable<KeyValuePair<string, byte[]>> entries) =>
        entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key} {e.Value.Length} {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(e.Value))}")
            .ToList();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is not installed; run infra/install-test-deps.sh.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }
}
