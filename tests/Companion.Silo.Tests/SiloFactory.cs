using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Companion.Silo.Tests;

/// <summary>
/// A co-hosted silo in process, on its own data directory and free silo/gateway ports, so test
/// classes never collide. Pass a directory to start a second silo on the same data.
/// </summary>
public class SiloFactory : WebApplicationFactory<Program>
{
    public SiloFactory()
        : this(null)
    {
    }

    internal SiloFactory(string? dataDirectory, string? adminToken = "test-admin-token")
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("companion-silo-").FullName;
        AdminToken = adminToken;
    }

    public string DataDirectory { get; }

    public string? AdminToken { get; }

    /// <summary>Configuration for this silo beyond the defaults; rate limits are off unless a test sets them.</summary>
    public Dictionary<string, string> Settings { get; } = new() { ["RateLimits:Enabled"] = "false" };

    /// <summary>When set, every log line of the silo is also written here.</summary>
    public CapturingLoggerProvider? LogSink { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Companion:DataDirectory", DataDirectory);
        if (AdminToken is not null)
        {
            builder.UseSetting("Companion:AdminToken", AdminToken);
        }

        builder.UseSetting("Companion:MaxRequestBodyBytes", "65536");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString());
        builder.UseSetting("Orleans:ClusterId", "test-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Snapshots:EventThreshold", "25");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (LogSink is { } sink)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(sink));
        }
    }

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Admin() => ClientWith(AdminToken ?? File.ReadAllText(Path.Combine(DataDirectory, "admin-token")));

    /// <summary>Creates a user through the API and returns its id and a client holding its token.</summary>
    public async Task<(string UserId, HttpClient Client)> NewUserAsync(string displayName = "Robin")
    {
        var response = await Admin().PostAsJsonAsync("/v1/users", new { displayName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<UserCreatedBody>();
        return (created!.UserId, ClientWith(created.Token));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record UserCreatedBody(string UserId, string Token, long Version);
}
