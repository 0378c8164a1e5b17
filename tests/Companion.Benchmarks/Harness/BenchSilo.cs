using Companion.EventLog;
using Companion.EventLog.Sqlite;
using Companion.Grains;
using Companion.History;
using Companion.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Companion.Benchmarks.Harness;

/// <summary>
/// One in-process silo over the SQLite event log in a directory, as the real silo composes it; or
/// over another event log, with the data keys still in the key file beside <c>databasePath</c>.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IEventLog Log => _host.Services.GetRequiredService<IEventLog>();

    public static async Task<BenchSilo> StartAsync(string databasePath, int snapshotEvery = 500, Action<IServiceCollection>? addEventLog = null, Action<ISiloBuilder>? configureSilo = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => EventTypeRegistry.ForUserEvents());
        builder.Services.Configure<SnapshotOptions>(o => o.EventThreshold = snapshotEvery);
        builder.Services.AddSqliteStorage(o => (o.DataSource, o.KeysDataSource) = (databasePath, BenchKeys.KeysPath(databasePath)));

        // Another event log replaces SQLite's (registered last, it is the one resolved); the keys stay in SQLite.
        addEventLog?.Invoke(builder.Services);
        builder.Services.AddSingleton(_ => BenchKeys.For(databasePath));
        configureServices?.Invoke(builder.Services);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(TestPorts.Next(), TestPorts.Next(), clusterId: "bench-" + Guid.NewGuid().ToString("N"));
            silo.AddCustomStorageBasedLogConsistencyProvider(EventLogConsistency.ProviderName);
            configureSilo?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public Task DeactivateAllAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
