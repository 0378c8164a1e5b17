namespace Companion.EventLog.AzureStorage.Tests;

public sealed class AzuriteFixtureTests
{
    [Fact]
    public async Task A_missing_azurite_fails_saying_what_is_missing_and_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "main.js");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteFixture.StartAsync(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("./test.sh", error.Message);
    }

    [Fact]
    public async Task An_azurite_that_exits_while_starting_fails_with_what_it_said()
    {
        var folder = Directory.CreateTempSubdirectory("companion-broken-azurite-").FullName;
        var broken = Path.Combine(folder, "main.js");
        await File.WriteAllTextAsync(broken, "console.error('cannot open the data folder'); process.exit(3);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteFixture.StartAsync(broken));

        Assert.Contains("exited while starting", error.Message);
        Assert.Contains("cannot open the data folder", error.Message);
        Directory.Delete(folder, recursive: true);
    }
}
