using System.Net;
using System.Net.Http.Json;

namespace Companion.Cli.Tests;

public sealed class SiloCommandTests
{
    [Fact]
    public async Task Import_without_a_token_exits_2_and_says_how_to_give_one()
    {
        var cli = new Cli();

        var exit = await cli.RunAsync("import", await Cli.ArchiveFileAsync());

        Assert.Equal(2, exit);
        Assert.Contains("pass --token or set COMPANION_TOKEN", cli.Error.ToString());
        Assert.Null(cli.Silo.Request);
    }

    [Fact]
    public async Task Import_sends_the_archive_as_a_zip_with_the_token_from_the_environment_and_prints_the_new_users_token()
    {
        var archive = await Cli.ArchiveFileAsync();
        var cli = new Cli().WithEnvironment("COMPANION_TOKEN", "admin-secret");
        cli.Silo.Response = new HttpResponseMessage(HttpStatusCode.Created)
        {
            Content = JsonContent.Create(new { userId = "u_robin0001", version = 3, headHash = new string('a', 64), token = "cgu.u_robin0001.1.sig" }),
        };

        var exit = await cli.RunAsync("import", archive, "--url", "http://silo.test:5080");

        Assert.True(exit == 0, cli.Error.ToString());
        Assert.Equal("http://silo.test:5080/v1/imports", cli.Silo.Request!.RequestUri!.ToString());
        Assert.Equal("Bearer admin-secret", cli.Silo.Request.Headers.Authorization!.ToString());
        Assert.Equal("application/zip", cli.Silo.Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(archive), cli.Silo.RequestBody);
        Assert.Contains("imported: user u_robin0001, 3 events", cli.Out.ToString());
        Assert.Contains("token: cgu.u_robin0001.1.sig", cli.Out.ToString());
    }

    [Fact]
    public async Task Import_exits_1_with_the_silos_reason_when_it_refuses()
    {
        var cli = new Cli();
        cli.Silo.Response = new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            Content = JsonContent.Create(new { title = "Conflict", detail = "User 'u_robin0001' already has 3 events." }),
        };

        var exit = await cli.RunAsync("import", await Cli.ArchiveFileAsync(), "--token", "t");

        Assert.Equal(1, exit);
        Assert.Contains("error: import refused: 409 Conflict: User 'u_robin0001' already has 3 events.", cli.Error.ToString());
    }

    [Fact]
    public async Task Export_writes_the_archive_the_silo_sends_to_the_out_file_from_the_default_url()
    {
        var archive = await File.ReadAllBytesAsync(await Cli.ArchiveFileAsync());
        var output = Path.Combine(Directory.CreateTempSubdirectory("companion-cli-").FullName, "export.zip");
        var cli = new Cli();
        cli.Silo.Response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(archive) };

        var exit = await cli.RunAsync("export", "--user", "u_robin0001", "--out", output, "--token", "user-token");

        Assert.Equal(0, exit);
        Assert.Equal("http://127.0.0.1:5080/v1/users/u_robin0001/export", cli.Silo.Request!.RequestUri!.ToString());
        Assert.Equal(archive, await File.ReadAllBytesAsync(output));
        Assert.False(File.Exists(output + ".partial"));
        Assert.Contains("exported: export.zip: user u_robin0001, 3 events", cli.Out.ToString());
    }

    [Fact]
    public async Task Export_exits_1_with_the_silos_reason_and_writes_no_file_when_it_refuses()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("companion-cli-").FullName, "export.zip");
        var cli = new Cli();
        cli.Silo.Response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = JsonContent.Create(new { title = "Forbidden", detail = "This token belongs to another user." }),
        };

        var exit = await cli.RunAsync("export", "--user", "u_someone01", "--out", output, "--token", "user-token");

        Assert.Equal(1, exit);
        Assert.Contains("error: export refused: 403 Forbidden: This token belongs to another user.", cli.Error.ToString());
        Assert.False(File.Exists(output));
    }
}
