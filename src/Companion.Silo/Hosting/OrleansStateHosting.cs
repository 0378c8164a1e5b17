using Azure.Data.Tables;
using Companion.Orleans.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Companion.Silo.Hosting;

/// <summary>
/// Where Orleans keeps its own durable records, reminders and grain state (never a user's words:
/// those stay in the event log). It follows <c>Storage:Provider</c>: beside the Azure Blob log, the
/// storage account's table service (<see cref="AzureStorageAccount"/>), shared by every silo; beside
/// SQLite, <c>reminders.db</c> and <c>grain-state.db</c> in the data directory. Never memory: a
/// reminder outlives the silo that registered it.
/// </summary>
public static class OrleansStateHosting
{
    /// <summary>The grain storage the silo's own grains (the operators' cluster totals) use.</summary>
    public const string GrainStorage = "companion";

    /// <summary>Registers the reminder service and <see cref="GrainStorage"/>; throws saying what to set when the configuration cannot work.</summary>
    public static ISiloBuilder UseConfiguredOrleansState(this ISiloBuilder silo, IConfiguration configuration, DataDirectory dataDirectory)
    {
        // Orleans:ReminderOptions tunes the reminder service (e.g. MinimumReminderPeriod); not Orleans:Reminders, which Orleans reads itself as provider configuration.
        silo.Configure<ReminderOptions>(configuration.GetSection("Orleans:ReminderOptions"));
        if (string.Equals(configuration["Storage:Provider"], EventLogHosting.AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = AzureStorageAccount.TableConnectionString(configuration, "Orleans reminders and grain state (beside Storage:Provider AzureBlob)");
            return silo
                .UseAzureTableReminderService(options => options.TableServiceClient = new TableServiceClient(connectionString))
                .AddAzureTableGrainStorage(GrainStorage, options => options.TableServiceClient = new TableServiceClient(connectionString));
        }

        var reminders = configuration["Orleans:Sqlite:RemindersDataSource"] ?? dataDirectory.File("reminders.db");
        var grainState = configuration["Orleans:Sqlite:GrainStateDataSource"] ?? dataDirectory.File("grain-state.db");
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(services =>
            new SqliteReminderTable(reminders, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        silo.Services.AddGrainStorage(GrainStorage, (services, _) =>
            new SqliteGrainStorage(grainState, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, services.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
