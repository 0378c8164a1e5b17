using Companion.EventLog;
using Companion.EventLog.Sqlite;
using Companion.Grains;
using Orleans.Configuration;

namespace Companion.Silo.Hosting;

/// <summary>Composes the Orleans silo and the event log from configuration.</summary>
public static class SiloHosting
{
    public static WebApplicationBuilder AddCompanionSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var companion = configuration.GetSection(CompanionOptions.Section).Get<CompanionOptions>() ?? new CompanionOptions();
        var dataDirectory = new DataDirectory(companion.DataDirectory);
        Directory.CreateDirectory(dataDirectory.Path);

        builder.Services.AddSingleton(dataDirectory);
        builder.Services.Configure<CompanionOptions>(configuration.GetSection(CompanionOptions.Section));
        builder.Services.Configure<ContinuityOptions>(configuration.GetSection(ContinuityOptions.Section));
        builder.Services.Configure<SnapshotOptions>(configuration.GetSection("Snapshots"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => EventTypeRegistry.ForUserEvents());
        builder.Services.AddSqliteEventLog(options =>
            options.DataSource = configuration["Storage:Sqlite:DataSource"] ?? dataDirectory.File("events.db"));

        builder.UseOrleans(silo =>
        {
            var orleans = configuration.GetSection("Orleans");
            silo.UseLocalhostClustering(
                siloPort: orleans.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                gatewayPort: orleans.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
                serviceId: orleans.GetValue("ServiceId", "companion") ?? "companion",
                clusterId: orleans.GetValue("ClusterId", "companion-local") ?? "companion-local");
            silo.AddCustomStorageBasedLogConsistencyProvider(EventLogConsistency.ProviderName);
            silo.AddCompanionDashboard();
            silo.Configure<GrainCollectionOptions>(options =>
                options.CollectionAge = orleans.GetValue("CollectionAge", TimeSpan.FromMinutes(15)));
        });

        return builder;
    }
}
