namespace Companion.Cli.Tests;

/// <summary>Archives and ids an attacker shapes get a clear error and exit code, never a crash.</summary>
public sealed class HostileArchiveCommandTests
{
    [Theory]
    [InlineData("verify", "invalid: prefixed.zip was refused (1 problem):")]
    [InlineData("inspect", "cannot be read as a continuity archive")]
    public async Task A_zip_with_bytes_in_front_of_it_exits_1_with_an_error_not_a_crash(string command, string expected)
    {
        var valid = await Cli.ArchiveFileAsync();
        var path = Path.Combine(Path.GetDirectoryName(valid)!, "prefixed.zip");
        await File.WriteAllBytesAsync(path, [.. "#!/bin/sh\nexit 0\n"u8.ToArray(), .. await File.ReadAllBytesAsync(valid)]);
        var cli = new Cli();

        var exit = await cli.RunAsync(command, path);

        Assert.Equal(1, exit);
        Assert.Contains(expected, cli.Error.ToString());
        Assert.Empty(cli.Out.ToString());
    }

    [Theory]
    [InlineData("u_robin0001\n")]
    [InlineData("u_robin0001\r\n")]
    [InlineData("../u_robin0001")]
    public async Task Export_refuses_a_user_id_that_is_not_one_whole_id_without_asking_the_silo(string userId)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("companion-cli-").FullName, "export.zip");
        var cli = new Cli();

        var exit = await cli.RunAsync("export", "--user", userId, "--out", output, "--token", "user-token");

        Assert.Equal(2, exit);
        Assert.Contains("is not a user id", cli.Error.ToString());
        Assert.Null(cli.Silo.Request);
        Assert.False(File.Exists(output));
    }
}
