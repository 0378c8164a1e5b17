using System.Net;
using System.Net.Http.Json;

namespace Companion.Cli.Tests;

public sealed class ImportChatCommandTests
{
    private const string Chat =
        "{\"user_name\":\"Robin\",\"character_name\":\"Sol\",\"create_date\":\"2024-07-05@16h37m00s\",\"chat_metadata\":{}}\n" +
        "{\"name\":\"Robin\",\"is_user\":true,\"is_system\":false,\"send_date\":\"July 5, 2024 4:37pm\",\"mes\":\"Hi\"}\n";

    [Fact]
    public async Task Import_chat_sends_the_file_as_jsonl_to_the_companions_histories_with_its_options_and_prints_the_session_and_warnings()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("companion-cli-").FullName, "chat.jsonl");
        await File.WriteAllTextAsync(file, Chat);
        var cli = new Cli().WithEnvironment("COMPANION_TOKEN", "user-token");
        cli.Silo.Response = new HttpResponseMessage(HttpStatusCode.Created)
        {
            Content = JsonContent.Create(new { sessionId = "s_imported1", version = 9, duplicate = false, format = "sillytavern", messages = 1, swipes = 0, warnings = new[] { "1 message times are local times" } }),
        };

        var exit = await cli.RunAsync("import-chat", file, "--user", "u_robin0001", "--companion", "c_sol00001", "--utc-offset", "+02:00");

        Assert.True(exit == 0, cli.Error.ToString());
        Assert.Equal("http://127.0.0.1:5080/v1/users/u_robin0001/companions/c_sol00001/histories?utcOffset=%2B02%3A00", cli.Silo.Request!.RequestUri!.ToString());
        Assert.Equal("application/jsonl", cli.Silo.Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(file), cli.Silo.RequestBody);
        Assert.Contains("imported: session s_imported1, 1 messages, 0 swipes (sillytavern), version 9.", cli.Out.ToString());
        Assert.Contains("warning: 1 message times are local times", cli.Out.ToString());
    }

    [Fact]
    public async Task Import_chat_exits_1_with_the_line_the_silo_names_when_it_refuses()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("companion-cli-").FullName, "chat.jsonl");
        await File.WriteAllTextAsync(file, Chat + "{broken\n");
        var cli = new Cli();
        cli.Silo.Response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = JsonContent.Create(new { title = "Invalid chat history", detail = "Line 3 is not JSON." }),
        };

        var exit = await cli.RunAsync("import-chat", file, "--user", "u_robin0001", "--companion", "c_sol00001", "--token", "t");

        Assert.Equal(1, exit);
        Assert.Contains("error: chat refused: 400 Bad Request: Line 3 is not JSON.", cli.Error.ToString());
    }
}
