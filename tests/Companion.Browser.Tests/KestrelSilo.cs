using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Companion.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Companion.Browser.Tests;

/// <summary>
/// A co-hosted silo listening on a real loopback port (a browser cannot reach an in-memory test
/// server), with its own data directory, admin token and free Orleans ports.
/// </summary>
public sealed class KestrelSilo : WebApplicationFactory<Program>
{
    public const string AdminToken = "browser-test-admin-token";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("companion-browser-").FullName;
    private int _port;

    /// <summary>The Orleans silo-to-silo port; the dashboard shows it in the silo's address.</summary>
    public int SiloPort { get; private set; }

    public KestrelSilo()
    {
        UseKestrel();
        TestPorts.StartWithRetry(StartServer);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    /// <summary>A client over the real socket, carrying <paramref name="token"/> as its bearer token.</summary>
    public HttpClient Http(string? token = AdminToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Creates a user with a companion and a session, says <paramref name="texts"/>, and returns the user's id.</summary>
    public async Task<string> UserWithConversationAsync(params string[] texts)
    {
        var created = await Read(await Http().PostAsJsonAsync("/v1/users", new { displayName = "Robin" }));
        var userId = created.GetProperty("userId").GetString()!;
        var user = Http(created.GetProperty("token").GetString());
        var companion = (await Read(await user.PostAsJsonAsync($"/v1/users/{userId}/companions",
            new { name = "Sol", persona = new { description = "A calm, curious friend." } }))).GetProperty("companionId").GetString();
        var session = (await Read(await user.PostAsync($"/v1/users/{userId}/companions/{companion}/sessions", null))).GetProperty("sessionId").GetString();
        foreach (var text in texts)
        {
            await Read(await user.PostAsJsonAsync($"/v1/users/{userId}/companions/{companion}/sessions/{session}/messages", new { role = "user", text }));
        }

        return userId;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _port = TestPorts.Next();
        SiloPort = TestPorts.Next();
        builder.UseSetting("Urls", BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Companion:DataDirectory", _dataDirectory);
        builder.UseSetting("Companion:AdminToken", AdminToken);
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString());
        builder.UseSetting("Orleans:GatewayPort", TestPorts.Next().ToString());
        // Webhooks to the tests' loopback receivers, parked after two quick failures.
        builder.UseSetting("Webhooks:AllowLoopbackHttp", "true");
        builder.UseSetting("Webhooks:MaxAttempts", "2");
        builder.UseSetting("Webhooks:FirstRetryDelay", "00:00:00.100");
        builder.UseSetting("Orleans:ClusterId", "browser-" + Guid.NewGuid().ToString("N"));
    }

    private static async Task<System.Text.Json.JsonElement> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }
}
