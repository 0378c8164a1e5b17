namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// One Azurite for the whole test run (starting one per test would dominate the run time); each
/// test isolates itself in a container of its own. Stopped when the test process exits.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteFixture>> Server = new(StartAsync);

    public static Task<AzuriteFixture> GetAsync() => Server.Value;

    private static async Task<AzuriteFixture> StartAsync()
    {
        var server = await AzuriteFixture.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
