using Companion.Continuity;
using Companion.Continuity.Spooling;
using Companion.EventLog;
using Companion.Grains;
using Companion.Grains.Imports;
using Companion.History;
using Companion.Recall;
using Companion.Silo.Operators;
using Companion.Silo.Webhooks;
using Microsoft.Extensions.Options;
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
        dataDirectory.MakePrivate();

        // Opened now, at start-up, so what a crashed run spooled is gone before anything runs.
        var spools = SpoolDirectory.Open(dataDirectory.File("spool"));
        builder.Services.AddSingleton(dataDirectory);
        builder.Services.AddSingleton(_ => spools);
        builder.Services.Configure<CompanionOptions>(configuration.GetSection(CompanionOptions.Section));
        builder.Services.Configure<ContinuityOptions>(configuration.GetSection(ContinuityOptions.Section));
        builder.Services.Configure<SnapshotOptions>(configuration.GetSection("Snapshots"));
        builder.Services.Configure<CheckInOptions>(configuration.GetSection("CheckIns"));
        builder.Services.Configure<OperatorsOptions>(configuration.GetSection(OperatorsOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => EventTypeRegistry.ForUserEvents());
        builder.Services.AddSingleton<LogPages>();
        builder.Services.AddSingleton<ArchiveExporter>();
        builder.Services.AddConfiguredEventLog(configuration, dataDirectory);
        builder.Services.AddConfiguredEncryption(companion, dataDirectory);
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<ContinuityOptions>>().Value.Limits);
        builder.Services.AddSingleton<ArchiveImporter>();
        builder.Services.AddCompanionWebhooks(configuration);
        builder.Services.AddRecall(configuration.GetSection(RecallOptions.Section));

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
