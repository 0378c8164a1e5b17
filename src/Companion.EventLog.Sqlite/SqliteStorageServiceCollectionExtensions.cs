using Companion.EventLog.Diagnostics;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Companion.EventLog.Sqlite;

/// <summary>Registers the SQLite storage: the event log and, in a file of its own, the key store.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    private const string Section = SqliteEventLogOptions.SectionName;

    /// <summary>
    /// Registers a <see cref="SqliteEventLog"/> as the singleton <see cref="IEventLog"/> and a
    /// <see cref="SqliteDataKeyStore"/> as the singleton <see cref="IDataKeyStore"/>. The options are
    /// validated when the host starts, each failure naming the <c>Storage:Sqlite</c> key to set. The
    /// databases are opened (the event log's schema brought up to date) when first resolved, and closed
    /// when the container is disposed. A registered <see cref="CompanionMetrics"/> receives the writer's batch sizes.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Action<SqliteEventLogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteEventLogOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataSource), $"{Section}:DataSource is not set: name the event log's database file.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeysDataSource), $"{Section}:KeysDataSource is not set: name the key store's database file.")
            .Validate(KeysApart, $"{Section}:KeysDataSource must differ from DataSource: the keys are kept apart from the events.")
            .Validate(o => o.MaxBatchSize >= 1, $"{Section}:MaxBatchSize must be at least 1.")
            .Validate(o => o.BusyTimeout >= TimeSpan.Zero, $"{Section}:BusyTimeout must not be negative.")
            .Validate(o => o.ReadPageSize >= 1, $"{Section}:ReadPageSize must be at least 1.")
            .Validate(o => o.ReadPageBytes >= 1, $"{Section}:ReadPageBytes must be at least 1.")
            .Validate(o => o.WalSizeLimit >= 0, $"{Section}:WalSizeLimit must not be negative.")
            .Validate(o => o.MaxDatabaseBytes >= 0, $"{Section}:MaxDatabaseBytes must not be negative (0 is no limit).")
            .ValidateOnStart();
        services.AddSingleton<IEventLog>(provider => new SqliteEventLog(
            provider.GetRequiredService<IOptions<SqliteEventLogOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<CompanionMetrics>(),
            provider.GetService<ILogger<SqliteEventLog>>()));
        services.AddSingleton<IDataKeyStore>(provider =>
            new SqliteDataKeyStore(provider.GetRequiredService<IOptions<SqliteEventLogOptions>>().Value.KeysDataSource));
        return services;
    }

    private static bool KeysApart(SqliteEventLogOptions options) =>
        string.IsNullOrWhiteSpace(options.DataSource)
        || string.IsNullOrWhiteSpace(options.KeysDataSource)
        || !string.Equals(Path.GetFullPath(options.KeysDataSource), Path.GetFullPath(options.DataSource), StringComparison.Ordinal);
}
