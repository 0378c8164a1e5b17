namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// One Azurite for the whole test run (starting one per test would dominate the run time); each
/// test isolates itself in a container of its own. Stopped when the test process exits.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteServer>> Server = new(StartAsync);

    public static Task<AzuriteServer> GetAsync() => Server.Value;

    private static async Task<AzuriteServer> StartAsync()
    {
        var server = await AzuriteServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
