using Companion.EventLog.AzureStorage;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.EventLog.Sqlite.Keys;

namespace Companion.Silo.Hosting;

/// <summary>
/// Chooses the event log and, with it, the store of the users' data keys from
/// <c>Storage:Provider</c>: <c>Sqlite</c> (the default: <c>events.db</c> and <c>keys.db</c> in the
/// data directory, nothing to install) or <c>AzureBlob</c> (<c>Storage:AzureBlob:ConnectionString</c>,
/// <c>ContainerName</c>, <c>KeysContainerName</c>; what several silos share). The keys are
/// always kept apart from the events.
/// </summary>
public static class EventLogHosting
{
    public const string Sqlite = "Sqlite";
    public const string AzureBlob = "AzureBlob";
    public const string DefaultKeysContainer = "companion-keys";

    /// <summary>Registers the <see cref="Companion.EventLog.IEventLog"/> and the <see cref="IDataKeyStore"/> that <c>Storage:Provider</c> names; throws saying what to set when the configuration cannot work.</summary>
    public static IServiceCollection AddConfiguredEventLog(this IServiceCollection services, IConfiguration configuration, DataDirectory dataDirectory)
    {
        var provider = configuration["Storage:Provider"];
        if (string.IsNullOrEmpty(provider) || string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var events = configuration["Storage:Sqlite:DataSource"] ?? dataDirectory.File("events.db");
            var keys = configuration["Storage:Sqlite:KeysDataSource"] ?? dataDirectory.File("keys.db");
            if (string.Equals(Path.GetFullPath(keys), Path.GetFullPath(events), StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Storage:Sqlite:KeysDataSource must differ from DataSource: the keys are kept apart from the events.");
            }

            return services
                .AddSingleton<IDataKeyStore>(_ => new SqliteDataKeyStore(keys))
                .AddSqliteEventLog(options =>
                {
                    // Storage:Sqlite also tunes the log (MaxDatabaseBytes, ReadPageBytes, WalSizeLimit...).
                    configuration.GetSection("Storage:Sqlite").Bind(options);
                    options.DataSource = events;
                });
        }

        if (string.Equals(provider, AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            var section = configuration.GetSection("Storage:AzureBlob");
            if (string.IsNullOrWhiteSpace(section["ConnectionString"]))
            {
                throw new InvalidOperationException("Storage:Provider is AzureBlob, but Storage:AzureBlob:ConnectionString is not set.");
            }

            var keysContainer = section["KeysContainerName"] is { Length: > 0 } name ? name : DefaultKeysContainer;
            if (string.Equals(keysContainer, section["ContainerName"], StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Storage:AzureBlob:KeysContainerName must differ from ContainerName: the keys are kept apart from the events.");
            }

            return services
                .AddSingleton<IDataKeyStore>(_ => new AzureBlobDataKeyStore(section["ConnectionString"] ?? "", keysContainer))
                .AddAzureBlobEventLog(section.Bind);
        }

        throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use {Sqlite} (the default) or {AzureBlob}.");
    }
}
