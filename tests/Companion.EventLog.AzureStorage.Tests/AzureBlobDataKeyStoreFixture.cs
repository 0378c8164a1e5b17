using Azure.Storage.Blobs;
using Companion.EventLog.Encryption;
using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>A keys container of its own on the shared Azurite, deleted when the test ends.</summary>
public sealed class AzureBlobDataKeyStoreFixture : IDataKeyStoreFixture
{
    /// <summary>The container's name: fresh per fixture.</summary>
    public string ContainerName { get; } = $"k{Guid.NewGuid():N}";

    /// <summary>The shared Azurite's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The container, to look at the key blobs directly.</summary>
    public BlobContainerClient Container => new BlobServiceClient(ConnectionString).GetBlobContainerClient(ContainerName);

    /// <summary>Opens a store on the container (call again for a second process sharing it).</summary>
    public async Task<AzureBlobDataKeyStore> OpenAsync()
    {
        ConnectionString = (await SharedAzurite.GetAsync()).ConnectionString;
        return new AzureBlobDataKeyStore(ConnectionString, ContainerName);
    }

    /// <inheritdoc />
    public async Task<IDataKeyStore> CreateStoreAsync() => await OpenAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (ConnectionString.Length > 0)
        {
            await Container.DeleteIfExistsAsync();
        }
    }
}
