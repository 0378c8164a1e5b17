using System.ComponentModel;
using System.Diagnostics;
using Companion.EventLog.AzureStorage.Tests;

namespace Companion.Cluster.Tests;

/// <summary>No Docker engine runs here; <c>docker-compose config</c> still parses and resolves the file.</summary>
public sealed class DockerComposeTests
{
    [Fact]
    public async Task The_compose_file_is_valid_and_describes_azurite_three_silos_on_one_storage_account_and_nginx_without_redis()
    {
        var (status, output, errors) = await ComposeConfigAsync(new() { ["Companion__AdminToken"] = "admin", ["Companion__TokenSigningKey"] = "a2V5", ["Companion__MasterKey"] = "a2V5" });

        Assert.True(status == 0, $"docker-compose config failed: {errors}");
        foreach (var service in new[] { "azurite:", "silo-1:", "silo-2:", "silo-3:", "nginx:" })
        {
            Assert.Contains($"\n  {service}\n", output);
        }

        Assert.Equal(3, CountOf(output, "Storage__Provider: AzureBlob"));
        Assert.Equal(3, CountOf(output, "Orleans__ClusteringProvider: AzureStorage"));
        Assert.Equal(3, CountOf(output, "TableEndpoint=http://azurite:10002/devstoreaccount1"));
        Assert.Contains("--tableHost 0.0.0.0", output);
        Assert.DoesNotContain("redis", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("127.0.0.1:5080:80", output);
    }

    [Fact]
    public async Task The_compose_file_refuses_to_start_without_a_shared_admin_token()
    {
        var (status, _, errors) = await ComposeConfigAsync(new() { ["Companion__TokenSigningKey"] = "a2V5", ["Companion__MasterKey"] = "a2V5" });

        Assert.NotEqual(0, status);
        Assert.Contains("Companion__AdminToken", errors);
    }

    [Fact]
    public async Task The_compose_file_refuses_to_start_without_a_shared_master_key()
    {
        var (status, _, errors) = await ComposeConfigAsync(new() { ["Companion__AdminToken"] = "admin", ["Companion__TokenSigningKey"] = "a2V5" });

        Assert.NotEqual(0, status);
        Assert.Contains("Companion__MasterKey", errors);
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;

    private static async Task<(int Status, string Output, string Errors)> ComposeConfigAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", "config"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("Companion__AdminToken");
        start.Environment.Remove("Companion__TokenSigningKey");
        start.Environment.Remove("Companion__MasterKey");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("docker-compose did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"docker-compose is not installed ({e.Message}); run ./test.sh, which installs the Debian package.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            return (process.ExitCode, await output, await errors);
        }
    }
}
