using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Grains;
using Companion.History;
using Companion.Orleans.Sqlite;
using Companion.Testing.Storage;
using Companion.Testing.Time;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace Companion.Grains.Tests;

/// <summary>
/// What a check-in test runs on: a silo whose grains read <see cref="Clock"/>, over an in-memory
/// event log and the durable SQLite reminder table in <see cref="RemindersFile"/>. The log, keys,
/// clock and reminder file outlive a silo, so a test can stop one and start another over the
/// same data: a restart. Reminders themselves run on real time, as in production.
/// </summary>
public sealed class CheckInSilo : IAsyncDisposable
{
    public const string ServiceId = "check-in-tests";

    private readonly InMemoryEventLog _log = new();
    private readonly StreamKeys _keys = new(new InMemoryDataKeyStore(), new MasterKeyRing(MasterKeyRing.NewKey()));
    private readonly string _directory = Directory.CreateTempSubdirectory("companion-checkins-").FullName;
    private InProcessTestCluster? _cluster;

    /// <summary>Monday 2026-11-23, 06:00 UTC, until a test moves it.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));

    public string RemindersFile => Path.Combine(_directory, "reminders.db");

    /// <summary>The reminder table the silo uses, read directly.</summary>
    public SqliteReminderTable Reminders => new(RemindersFile, ServiceId);

    public IGrainFactory Grains => _cluster?.Client ?? throw new InvalidOperationException("Start the silo first.");

    /// <summary>Starts a silo (stopping the one before, if any) with reminders every <paramref name="catchUpPeriod"/> at most.</summary>
    public async Task StartAsync(TimeSpan? catchUpPeriod = null)
    {
        await StopAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IEventLog>(_log);
            host.Services.AddSingleton(_keys);
            host.Services.AddSingleton(EventTypeRegistry.ForUserEvents());
            host.Services.AddSingleton<TimeProvider>(Clock);
            host.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            host.Services.Configure<CheckInOptions>(o => o.CatchUpPeriod = catchUpPeriod ?? TimeSpan.FromMinutes(5));
            host.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCustomStorageBasedLogConsistencyProvider(EventLogConsistency.ProviderName);
            silo.Configure<ClusterOptions>(o => o.ServiceId = ServiceId);
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(new SqliteReminderTable(RemindersFile, ServiceId));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task StopAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync();
        }
    }

    /// <summary>The user's events of type <typeparamref name="TEvent"/>, read from the log.</summary>
    public async Task<List<TEvent>> EventsAsync<TEvent>(string userId)
    {
        using var cipher = await _keys.OpenAsync(userId);
        var fold = new StreamFold(EventTypeRegistry.ForUserEvents(), cipher);
        var events = new List<TEvent>();
        await foreach (var envelope in _log.ReadAsync(userId, 1))
        {
            if (fold.Add(envelope) is TEvent match)
            {
                events.Add(match);
            }
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
