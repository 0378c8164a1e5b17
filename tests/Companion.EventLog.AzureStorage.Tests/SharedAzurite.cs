namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// One Azurite for the whole test run (starting one per test would dominate the run time); each
/// test isolates itself in a container of its own. xunit 2 has no end-of-assembly hook, so the
/// process stops itself, and removes its data folder, within a second of the test process
/// exiting (<c>infra/azurite/exit-with-parent.js</c>).
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteFixture>> Server = new(AzuriteFixture.StartAsync);

    public static Task<AzuriteFixture> GetAsync() => Server.Value;
}
