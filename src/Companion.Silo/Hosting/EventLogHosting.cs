using Companion.EventLog.AzureStorage;
using Companion.EventLog.Sqlite;

namespace Companion.Silo.Hosting;

/// <summary>
/// Chooses the event log from <c>Storage:Provider</c>: <c>Sqlite</c> (the default: one file in
/// the data directory, nothing to install) or <c>AzureBlob</c> (<c>Storage:AzureBlob:ConnectionString</c>,
/// <c>ContainerName</c>; what several silos share).
/// </summary>
public static class EventLogHosting
{
    public const string Sqlite = "Sqlite";
    public const string AzureBlob = "AzureBlob";

    /// <summary>Registers the <see cref="Companion.EventLog.IEventLog"/> that <c>Storage:Provider</c> names; throws saying what to set when the configuration cannot work.</summary>
    public static IServiceCollection AddConfiguredEventLog(this IServiceCollection services, IConfiguration configuration, DataDirectory dataDirectory)
    {
        var provider = configuration["Storage:Provider"];
        if (string.IsNullOrEmpty(provider) || string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteEventLog(options =>
                options.DataSource = configuration["Storage:Sqlite:DataSource"] ?? dataDirectory.File("events.db"));
        }

        if (string.Equals(provider, AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            var section = configuration.GetSection("Storage:AzureBlob");
            if (string.IsNullOrWhiteSpace(section["ConnectionString"]))
            {
                throw new InvalidOperationException("Storage:Provider is AzureBlob, but Storage:AzureBlob:ConnectionString is not set.");
            }

            return services.AddAzureBlobEventLog(section.Bind);
        }

        throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use {Sqlite} (the default) or {AzureBlob}.");
    }
}
