using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Companion.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Companion.Silo.Tests;

/// <summary>
/// A co-hosted silo in process, on its own data directory and silo/gateway ports from
/// <see cref="TestPorts"/>, so test classes and test processes never collide. Pass a directory
/// to start a second silo on the same data. It starts on first use; a start that meets a port
/// taken from outside the tests is tried again on new ports.
/// </summary>
public class SiloFactory : WebApplicationFactory<Program>
{
    private readonly Func<int> _nextPort;

    public SiloFactory()
        : this(null)
    {
    }

    internal SiloFactory(string? dataDirectory, string? adminToken = "test-admin-token", Func<int>? nextPort = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("companion-silo-").FullName;
        AdminToken = adminToken;
        _nextPort = nextPort ?? TestPorts.Next;
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
        SiloPort = _nextPort();
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString());
        builder.UseSetting("Orleans:GatewayPort", _nextPort().ToString());
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

    /// <summary>The Orleans silo port of the last start.</summary>
    public int SiloPort { get; private set; }

    public override IServiceProvider Services
    {
        get
        {
            EnsureStarted();
            return base.Services;
        }
    }

    public new TestServer Server
    {
        get
        {
            EnsureStarted();
            return base.Server;
        }
    }

    public new HttpClient CreateClient()
    {
        EnsureStarted();
        return base.CreateClient();
    }

    /// <summary>Starts the silo now if it has not started, on new ports while one turns out to be taken.</summary>
    public void EnsureStarted() => TestPorts.StartWithRetry(StartServer);

    /// <summary>A host that fails to start is disposed, so a retry does not leave a half-started silo behind.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = builder.Build();
        try
        {
            host.Start();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
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

    /// <summary>
    /// The user's head version as an operator sees it, from the figures at <c>/admin/api/users/{userId}</c>
    /// (the admin token reads no words): 0 when the user has no log here (never written, or erased).
    /// </summary>
    public async Task<long> HeadVersionAsync(string userId)
    {
        using var response = await Admin().GetAsync($"/admin/api/users/{userId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamVersion").GetInt64();
    }

    /// <summary>A client holding a fresh token of <paramref name="userId"/>, issued by the admin as an operator provisions a user's app.</summary>
    public async Task<HttpClient> UserClientAsync(string userId)
    {
        using var response = await Admin().PostAsync($"/v1/users/{userId}/tokens", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ClientWith((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
    }

    /// <summary>Creates a user through the API and returns its id and a client holding its token.</summary>
    public async Task<(string UserId, HttpClient Client)> NewUserAsync(string displayName = "Robin")
    {
        var response = await Admin().PostAsJsonAsync("/v1/users", new { displayName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<UserCreatedBody>();
        return (created!.UserId, ClientWith(created.Token));
    }

    public sealed record UserCreatedBody(string UserId, string Token, long Version);
}
