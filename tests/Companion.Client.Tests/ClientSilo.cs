using Companion.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Companion.Client.Tests;

/// <summary>A real silo in process on its own data directory and free ports, for the client to talk to.</summary>
public sealed class ClientSilo : WebApplicationFactory<Program>
{
    public const string AdminToken = "client-tests-admin-token";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("companion-client-").FullName;

    public ClientSilo() => TestPorts.StartWithRetry(StartServer);

    /// <summary>A client with the admin token whose requests pass through <paramref name="handlers"/> into this silo.</summary>
    public CompanionClient Admin(params DelegatingHandler[] handlers) => new(CreateDefaultClient(handlers), AdminToken);

    /// <summary>A client acting as a new user (created by the admin), and that user's id.</summary>
    public async Task<(CompanionClient Client, string UserId)> NewUserAsync(string displayName, params DelegatingHandler[] handlers)
    {
        var admin = Admin(handlers);
        var user = await admin.CreateUserAsync(displayName);
        return (admin.WithToken(user.Token), user.UserId);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Companion:DataDirectory", _dataDirectory);
        builder.UseSetting("Companion:AdminToken", AdminToken);
        builder.UseSetting("Orleans:SiloPort", TestPorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", TestPorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", "client-" + Guid.NewGuid().ToString("N"));

        // Webhooks go to receivers on this machine, and a receiver that is down is given up on at once.
        builder.UseSetting("Webhooks:AllowLoopbackHttp", "true");
        builder.UseSetting("Webhooks:MaxAttempts", "1");
        builder.UseSetting("Webhooks:FirstRetryDelay", "00:00:00.100");
    }
}
