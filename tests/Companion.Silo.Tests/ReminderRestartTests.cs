using Companion.EventLog.AzureStorage.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Silo.Tests;

/// <summary>A reminder is durable on both storage providers: registered on one silo, it fires on the next one started over the same storage.</summary>
public sealed class ReminderRestartTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_reminder_registered_on_the_sqlite_default_fires_after_the_silo_restarts_on_the_same_data_directory()
    {
        var key = "sqlite-" + Guid.NewGuid().ToString("N");
        string dataDirectory;
        await using (var first = ReminderSilo(new SiloFactory()))
        {
            dataDirectory = first.DataDirectory;
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key).Register(TimeSpan.FromSeconds(1), Period);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "reminders.db")));
        }

        ReminderProbeGrain.Ticks.TryRemove(key, out _);
        await using var second = ReminderSilo(new SiloFactory(dataDirectory));
        second.CreateClient();

        await AssertTicksAsync(key);
    }

    [Fact]
    public async Task A_reminder_registered_on_azure_table_storage_fires_after_the_silo_restarts_on_the_same_account()
    {
        var azurite = await SharedAzurite.GetAsync();
        var key = "azure-" + Guid.NewGuid().ToString("N");
        var serviceId = "reminders-" + Guid.NewGuid().ToString("N");
        await using (var first = ReminderSilo(AzureSilo(azurite, serviceId)))
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key).Register(TimeSpan.FromSeconds(1), Period);
        }

        ReminderProbeGrain.Ticks.TryRemove(key, out _);
        await using var second = ReminderSilo(AzureSilo(azurite, serviceId));
        second.CreateClient();

        await AssertTicksAsync(key);
    }

    // Ticks counted by the first silo were dropped before the second started, so a tick here
    // comes from the reminder the second silo read back from storage.
    private static async Task AssertTicksAsync(string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!ReminderProbeGrain.Ticks.ContainsKey(key) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(ReminderProbeGrain.Ticks.ContainsKey(key), "The reminder did not fire on the restarted silo within 60 s.");
    }

    private static SiloFactory ReminderSilo(SiloFactory silo)
    {
        silo.Settings["Orleans:ReminderOptions:MinimumReminderPeriod"] = "00:00:01";
        return silo;
    }

    private static SiloFactory AzureSilo(AzuriteFixture azurite, string serviceId)
    {
        var silo = new SiloFactory();
        silo.Settings["Storage:Provider"] = "AzureBlob";
        silo.Settings["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString;
        silo.Settings["Storage:AzureBlob:ContainerName"] = serviceId;
        silo.Settings["Storage:AzureBlob:KeysContainerName"] = serviceId + "-keys";
        silo.Settings["Orleans:ServiceId"] = serviceId;
        return silo;
    }
}
