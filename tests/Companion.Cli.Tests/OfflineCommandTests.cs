namespace Companion.Cli.Tests;

public sealed class OfflineCommandTests
{
    [Fact]
    public async Task Verify_exits_0_and_names_the_user_and_head_of_a_valid_archive()
    {
        var archive = await Cli.ArchiveFileAsync();
        var cli = new Cli();

        var exit = await cli.RunAsync("verify", archive);

        Assert.Equal(0, exit);
        Assert.Matches("^valid: robin.zip is a complete, unaltered history of user u_robin0001: 3 events, head hash [0-9a-f]{64}\\.", cli.Out.ToString());
        Assert.Empty(cli.Error.ToString());
    }

    [Fact]
    public async Task Verify_exits_1_and_says_which_line_is_wrong_in_a_tampered_archive()
    {
        var archive = Cli.Tamper(await Cli.ArchiveFileAsync(), "events.jsonl", text => text.Replace("Ada called back", "Ada never called"));
        var cli = new Cli();

        var exit = await cli.RunAsync("verify", archive);

        Assert.Equal(1, exit);
        Assert.Contains("invalid: tampered.zip was refused (1 problem):", cli.Error.ToString());
        Assert.Contains("events.jsonl line 3: Version 3: hash is ", cli.Error.ToString());
        Assert.Empty(cli.Out.ToString());
    }

    [Fact]
    public async Task Verify_exits_2_when_the_file_does_not_exist()
    {
        var cli = new Cli();

        var exit = await cli.RunAsync("verify", "no-such-archive.zip");

        Assert.Equal(2, exit);
        Assert.Contains("error: no such file:", cli.Error.ToString());
    }

    [Fact]
    public async Task Inspect_shows_counts_by_type_the_date_range_companions_and_head_hash()
    {
        var archive = await Cli.ArchiveFileAsync();
        var cli = new Cli();

        var exit = await cli.RunAsync("inspect", archive);

        var output = cli.Out.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("user        u_robin0001", output);
        Assert.Matches("head hash   [0-9a-f]{64}", output);
        Assert.Contains("events      3 from 2026-05-04 08:00:00 UTC to 2026-05-06 08:00:00 UTC", output);
        Assert.Matches("journal-entry-written +1", output);
        Assert.Matches("companion-created +1", output);
        Assert.Contains("c_sol00001  Sol", output);
    }

    [Fact]
    public async Task An_encrypted_archive_verifies_offline_with_its_key_and_inspect_says_its_payloads_are_encrypted()
    {
        var archive = await Cli.ArchiveFileAsync(encrypted: true);
        var verify = new Cli();
        var inspect = new Cli();
        var plain = new Cli();

        Assert.Equal(0, await verify.RunAsync("verify", archive));
        Assert.Equal(0, await inspect.RunAsync("inspect", archive));
        Assert.Equal(0, await plain.RunAsync("inspect", await Cli.ArchiveFileAsync()));

        Assert.Contains("valid: robin.zip is a complete, unaltered history of user u_robin0001: 3 events", verify.Out.ToString());
        Assert.Contains("payloads    encrypted (AES-256-GCM); the user's key is in key.json", inspect.Out.ToString());
        Assert.Contains("payloads    not encrypted", plain.Out.ToString());
    }

    [Fact]
    public async Task Inspect_exits_1_for_a_file_that_is_not_an_archive()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "not a zip");
        var cli = new Cli();

        var exit = await cli.RunAsync("inspect", path);

        Assert.Equal(1, exit);
        Assert.Contains("cannot be read as a continuity archive", cli.Error.ToString());
    }

    [Fact]
    public async Task An_unknown_command_exits_non_zero()
    {
        var cli = new Cli();

        Assert.NotEqual(0, await cli.RunAsync("frobnicate"));
    }
}
