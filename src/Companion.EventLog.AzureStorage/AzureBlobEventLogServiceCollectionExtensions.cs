using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Companion.EventLog.AzureStorage;

/// <summary>Registers the Azure Blob event log.</summary>
public static class AzureBlobEventLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="AzureBlobEventLog"/> as the singleton <see cref="IEventLog"/>. The
    /// container is created, when missing, on first use.
    /// </summary>
    public static IServiceCollection AddAzureBlobEventLog(this IServiceCollection services, Action<AzureBlobEventLogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureBlobEventLogOptions>().Configure(configure);
        services.AddSingleton<IEventLog>(provider => new AzureBlobEventLog(provider.GetRequiredService<IOptions<AzureBlobEventLogOptions>>().Value));
        return services;
    }
}
