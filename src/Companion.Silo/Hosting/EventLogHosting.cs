using Companion.EventLog.AzureStorage;
using Companion.EventLog.Sqlite;

namespace Companion.Silo.Hosting;

/// <summary>
/// Chooses the storage (the event log and, with it, the store of the users' data keys) from
/// <c>Storage:Provider</c>: <c>Sqlite</c> (the default: <c>events.db</c> and <c>keys.db</c> in the
/// data directory, nothing to install) or <c>AzureBlob</c> (what several silos share). Each provider
/// registers its whole storage in one call and validates its own section at start-up, so the keys
/// are always kept apart from the events.
/// </summary>
public static class EventLogHosting
{
    public const string Sqlite = "Sqlite";
    public const string AzureBlob = "AzureBlob";

    /// <summary>Registers the storage that <c>Storage:Provider</c> names; throws saying what to set when the provider is not known.</summary>
    public static IServiceCollection AddConfiguredEventLog(this IServiceCollection services, IConfiguration configuration, DataDirectory dataDirectory)
    {
        var provider = configuration["Storage:Provider"];
        if (string.IsNullOrEmpty(provider) || string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var section = configuration.GetSection(SqliteEventLogOptions.SectionName);
            return services.AddSqliteStorage(options =>
            {
                options.DataSource = dataDirectory.File("events.db");
                options.KeysDataSource = dataDirectory.File("keys.db");
                // Storage:Sqlite also tunes the log (MaxDatabaseBytes, ReadPageBytes, WalSizeLimit...).
                section.Bind(options);
            });
        }

        if (string.Equals(provider, AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            return services.AddAzureBlobStorage(configuration.GetSection(AzureBlobEventLogOptions.SectionName).Bind);
        }

        throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use {Sqlite} (the default) or {AzureBlob}.");
    }
}
