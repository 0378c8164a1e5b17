using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.Encryption;
using Companion.EventLog.AzureStorage.Tests;
using Companion.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;

namespace Companion.Cluster.Tests;

/// <summary>
/// Three in-process silos, each with its own <see cref="AzureBlobEventLog"/> on one container of a
/// real Azurite, placing grains at random so users spread over the silos. Membership probes are
/// quick so a killed silo is declared dead within seconds.
/// </summary>
public sealed class MultiSiloFixture : IAsyncLifetime
{
    public const int SiloCount = 3;

    /// <summary>The master key every silo of the cluster shares.</summary>
    private static readonly byte[] MasterKey = MasterKeyRing.NewKey();

    private AzuriteFixture? _azurite;
    private InProcessTestCluster? _cluster;
    private AzureBlobEventLog? _log;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The container of the users' data keys, apart from the events' container.</summary>
    public const string KeysContainer = "cluster-keys";

    /// <summary>Azurite, for tests that look at the storage itself.</summary>
    public AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("Azurite starts in InitializeAsync.");

    /// <summary>A key service of the test's own over the silos' key container and master key.</summary>
    public StreamKeys Keys => new(new AzureBlobDataKeyStore(Azurite.ConnectionString, KeysContainer), new MasterKeyRing(MasterKey));

    /// <summary>A log of the test's own on the silos' container, to check what they stored.</summary>
    public AzureBlobEventLog Log => _log ?? throw new InvalidOperationException("The log opens in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteFixture.StartAsync();
        var options = new AzureBlobEventLogOptions { ConnectionString = _azurite.ConnectionString, ContainerName = "cluster" };
        _log = new AzureBlobEventLog(options);

        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddAzureBlobStorage(o => (o.ConnectionString, o.ContainerName, o.KeysContainerName) = (options.ConnectionString, options.ContainerName, KeysContainer));
            host.Services.AddSingleton(EventTypeRegistry.ForUserEvents());
            host.Services.AddSingleton(new StreamKeys(new AzureBlobDataKeyStore(options.ConnectionString, KeysContainer), new MasterKeyRing(MasterKey)));
            host.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCustomStorageBasedLogConsistencyProvider(Companion.Grains.EventLogConsistency.ProviderName);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30)));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The silo hosting a grain's activation, or null when none does.</summary>
    public SiloAddress? HostOf(IAddressable grain)
    {
        return Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;
    }
}
