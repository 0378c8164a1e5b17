using Companion.EventLog;
using Companion.Grains;
using Companion.Silo.Operators;
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
        builder.Services.Configure<OperatorsOptions>(configuration.GetSection(OperatorsOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => EventTypeRegistry.ForUserEvents());
        builder.Services.AddConfiguredEventLog(configuration, dataDirectory);
        builder.Services.AddConfiguredEncryption(companion, dataDirectory);

        builder.UseOrleans(silo =>
        {
            var orleans = configuration.GetSection("Orleans");
            silo.UseConfiguredClustering(configuration);
            silo.UseConfiguredOrleansState(configuration, dataDirectory);
            silo.AddCustomStorageBasedLogConsistencyProvider(EventLogConsistency.ProviderName);
            silo.AddCompanionDashboard();
            silo.Configure<GrainCollectionOptions>(options =>
                options.CollectionAge = orleans.GetValue("CollectionAge", TimeSpan.FromMinutes(15)));
        });

        // After the silo: hosted services start in order, so the first report finds it active.
        builder.Services.AddHostedService<ClusterTotalsReporter>();
        return builder;
    }
}
