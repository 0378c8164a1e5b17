using System.Net;
using System.Runtime.Versioning;

namespace Companion.Silo.Tests;

/// <summary>What the silo keeps on disk is its owner's alone, and what a crashed run spooled is gone at the next start.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task Data_files_with_their_wal_and_shm_and_secrets_are_0600_in_a_0700_directory_even_when_they_were_0644()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("companion-private-").FullName;
        File.SetUnixFileMode(dataDirectory, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var olderDatabase = Path.Combine(dataDirectory, "keys.db");
        File.WriteAllBytes(olderDatabase, []);
        File.SetUnixFileMode(olderDatabase, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var silo = new SiloFactory(dataDirectory, adminToken: null);
        silo.CreateClient();
        var (userId, client) = await silo.NewUserAsync();
        await client.NewCompanionAsync(userId);

        var files = Directory.GetFiles(dataDirectory).Select(Path.GetFileName).ToList();
        Assert.Superset(new HashSet<string?> { "events.db", "events.db-wal", "events.db-shm", "keys.db", "admin-token", "master-key" }, files.ToHashSet());
        Assert.All(Directory.GetFiles(dataDirectory), file => Assert.True(File.GetUnixFileMode(file) == OwnerReadWrite, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}"));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(dataDirectory));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(dataDirectory, "spool")));
    }

    [Fact]
    public async Task A_spool_left_by_a_crashed_run_is_gone_after_the_next_start()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("companion-private-").FullName;
        var crashedRun = Path.Combine(dataDirectory, "spool", "run-crashed");
        Directory.CreateDirectory(crashedRun);
        File.WriteAllText(Path.Combine(crashedRun, ".lock"), "");
        File.WriteAllText(Path.Combine(crashedRun, "import.spool"), "noise a crashed import left");

        await using var silo = new SiloFactory(dataDirectory);
        var (userId, client) = await silo.NewUserAsync();
        using var export = await client.GetAsync($"/v1/users/{userId}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.NotEmpty(await export.Content.ReadAsByteArrayAsync());

        Assert.False(Directory.Exists(crashedRun));
        var runs = Directory.GetDirectories(Path.Combine(dataDirectory, "spool"));
        Assert.Empty(Directory.GetFiles(Assert.Single(runs), "*.spool", SearchOption.AllDirectories));
    }
}
