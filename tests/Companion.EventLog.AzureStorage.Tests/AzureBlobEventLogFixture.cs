using Azure.Storage.Blobs;
using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>A container of its own on the shared Azurite, deleted when the test ends.</summary>
public sealed class AzureBlobEventLogFixture : IEventLogFixture
{
    /// <summary>The container's name: fresh per fixture.</summary>
    public string ContainerName { get; } = $"t{Guid.NewGuid():N}";

    /// <summary>The shared Azurite's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Opens a log on the container (call again for a second writer or a fresh reader).</summary>
    public async Task<AzureBlobEventLog> OpenAsync(Action<AzureBlobEventLogOptions>? configure = null)
    {
        ConnectionString = (await SharedAzurite.GetAsync()).ConnectionString;
        var options = new AzureBlobEventLogOptions { ConnectionString = ConnectionString, ContainerName = ContainerName };
        configure?.Invoke(options);
        return new AzureBlobEventLog(options);
    }

    /// <summary>The container, to look at or interfere with the blobs directly.</summary>
    public BlobContainerClient Container => new BlobServiceClient(ConnectionString).GetBlobContainerClient(ContainerName);

    /// <inheritdoc />
    public async Task<IEventLog> CreateLogAsync() => await OpenAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (ConnectionString.Length > 0)
        {
            await Container.DeleteIfExistsAsync();
        }
    }
}
