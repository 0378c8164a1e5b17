using Companion.EventLog.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Companion.EventLog.AzureStorage;

/// <summary>Registers the Azure Blob storage: the event log and, in a container of its own, the key store.</summary>
public static class AzureBlobStorageServiceCollectionExtensions
{
    private const string Section = AzureBlobEventLogOptions.SectionName;

    /// <summary>
    /// Registers an <see cref="AzureBlobEventLog"/> as the singleton <see cref="IEventLog"/> and an
    /// <see cref="AzureBlobDataKeyStore"/> as the singleton <see cref="IDataKeyStore"/>. The options are
    /// validated when the host starts, each failure naming the <c>Storage:AzureBlob</c> key to set.
    /// The containers are created, when missing, on first use.
    /// </summary>
    public static IServiceCollection AddAzureBlobStorage(this IServiceCollection services, Action<AzureBlobEventLogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureBlobEventLogOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{Section}:ConnectionString is not set: name the storage account (Azurite's development string locally).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ContainerName), $"{Section}:ContainerName is empty: name the events' container or leave it unset for the default.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeysContainerName), $"{Section}:KeysContainerName is empty: name the keys' container or leave it unset for the default.")
            .Validate(o => !string.Equals(o.KeysContainerName, o.ContainerName, StringComparison.Ordinal), $"{Section}:KeysContainerName must differ from ContainerName: the keys are kept apart from the events.")
            .Validate(o => o.MaxBlocksPerSegment is >= 1 and <= 50_000, $"{Section}:MaxBlocksPerSegment must be between 1 and 50,000 (Azure's limit per append blob).")
            .Validate(o => o.MaxBlockBytes >= 1024, $"{Section}:MaxBlockBytes must be at least 1024.")
            .Validate(o => o.CatalogListingMaxAge >= TimeSpan.Zero, $"{Section}:CatalogListingMaxAge must not be negative: set how long a listing may answer the catalog's next pages (00:00:00 lists anew for every page).")
            .ValidateOnStart();
        services.AddSingleton<IEventLog>(provider => new AzureBlobEventLog(provider.GetRequiredService<IOptions<AzureBlobEventLogOptions>>().Value));
        services.AddSingleton<IDataKeyStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AzureBlobEventLogOptions>>().Value;
            return new AzureBlobDataKeyStore(options.ConnectionString, options.KeysContainerName);
        });
        return services;
    }
}
