using System.Net;
using System.Net.Http.Json;
using Companion.EventLog.AzureStorage.Tests;

namespace Companion.Silo.Tests;

/// <summary>The API over the Azure Blob provider (a real Azurite): restore, erasure, and an archive too large for one atomic append.</summary>
public sealed class AzureProviderApiTests : IAsyncLifetime
{
    private AzuriteFixture? _azurite;

    private AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("Azurite starts in InitializeAsync.");

    public async Task InitializeAsync() => _azurite = await AzuriteFixture.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_archive_restores_onto_azure_with_the_same_head_and_erasure_there_leaves_the_user_gone()
    {
        await using var source = new SiloFactory();
        await using var azure = AzureSilo("restored");
        var (userId, client) = await source.NewUserWithHistoryAsync(messages: 4);
        var archive = await client.ExportAsync(userId);

        var imported = await azure.Admin().ImportAsync(archive).Expect(HttpStatusCode.Created);
        var restored = azure.ClientWith(imported.GetProperty("token").GetString());
        await restored.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "Written on the cluster." }).Expect(HttpStatusCode.Created);
        await restored.DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);

        Assert.Equal(Archives.HeadHash(archive), imported.GetProperty("headHash").GetString());
        await restored.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.Gone);
        await azure.Admin().PostAsync($"/v1/users/{userId}/tokens", null).Expect(HttpStatusCode.Gone);
        Assert.Equal(0, await azure.HeadVersionAsync(userId));
        await azure.Admin().ImportAsync(archive).Expect(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_history_larger_than_one_append_block_is_refused_with_413_and_nothing_is_written()
    {
        await using var source = new SiloFactory();
        await using var azure = AzureSilo("small-blocks", maxBlockBytes: 4096);
        var (userId, client) = await source.NewUserWithHistoryAsync(messages: 12);

        var problem = await azure.Admin().ImportAsync(await client.ExportAsync(userId)).Expect(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("cannot restore this history in one atomic write", problem.GetProperty("detail").GetString());
        Assert.Contains("Nothing was written.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await azure.HeadVersionAsync(userId));
    }

    private SiloFactory AzureSilo(string container, int? maxBlockBytes = null)
    {
        var silo = new SiloFactory();
        silo.Settings["Storage:Provider"] = "AzureBlob";
        silo.Settings["Storage:AzureBlob:ConnectionString"] = Azurite.ConnectionString;
        silo.Settings["Storage:AzureBlob:ContainerName"] = container;
        silo.Settings["Storage:AzureBlob:KeysContainerName"] = container + "-keys";
        if (maxBlockBytes is { } bytes)
        {
            silo.Settings["Storage:AzureBlob:MaxBlockBytes"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return silo;
    }
}
