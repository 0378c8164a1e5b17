using Companion.Continuity;
using Companion.EventLog;
using Companion.History;
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
        builder.Services.AddSingleton<LogPages>();
        builder.Services.AddSingleton<ArchiveExporter>();
        builder.Services.AddConfiguredEventLog(configuration, dataDirectory);
        builder.Services.AddConfiguredEncryption(companion, dataDirectory);

        builder.UseOrleans(silo =>
        {
            var orleans = configuration.GetSection("Orleans");
            silo.UseConfiguredClustering(orleans);
            silo.AddCustomStorageBasedLogConsistencyProvider(EventLogConsistency.ProviderName);
            silo.AddCompanionDashboard();
            silo.Configure<GrainCollectionOptions>(options =>
                options.CollectionAge = orleans.GetValue("CollectionAge", TimeSpan.FromMinutes(15)));
        });

        return builder;
    }
}
