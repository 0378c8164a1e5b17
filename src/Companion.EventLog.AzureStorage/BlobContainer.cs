using Azure.Core;
using Azure.Storage.Blobs;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// A container client with this project's retry policy, created in the account on first use
/// (once, by whichever caller gets there first; a failed creation is tried again by the next).
/// </summary>
internal sealed class BlobContainer
{
    private readonly CreateOnce _created;

    public BlobContainer(string connectionString, string containerName, Action<BlobClientOptions>? configureClient = null)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        configureClient?.Invoke(options);
        Client = new BlobServiceClient(connectionString, options).GetBlobContainerClient(containerName);
        _created = new CreateOnce(() => Client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
    }

    public BlobContainerClient Client { get; }

    /// <summary>Completes when the container exists.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.EnsureAsync(cancellationToken);
}
