using Companion.EventLog.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Companion.EventLog.Sqlite;

/// <summary>Registers the SQLite event log.</summary>
public static class SqliteEventLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SqliteEventLog"/> as the singleton <see cref="IEventLog"/>. The database
    /// is opened (and its schema brought up to date) when the log is first resolved, and closed when
    /// the container is disposed. A registered <see cref="CompanionMetrics"/> receives the writer's batch sizes.
    /// </summary>
    public static IServiceCollection AddSqliteEventLog(this IServiceCollection services, Action<SqliteEventLogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteEventLogOptions>().Configure(configure);
        services.AddSingleton<IEventLog>(provider => new SqliteEventLog(
            provider.GetRequiredService<IOptions<SqliteEventLogOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<CompanionMetrics>(),
            provider.GetService<ILogger<SqliteEventLog>>()));
        return services;
    }
}
