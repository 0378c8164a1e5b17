using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Grains;
using Companion.History;
using Companion.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Companion.Grains.Tests;

/// <summary>
/// One in-process Orleans silo over the in-memory event log, shared by a test class. Snapshots
/// are due every <see cref="SnapshotEvery"/> events so tests can reach them quickly. The silo
/// writes through <see cref="Storage"/>, so a test can make appends fail the ways real storage does.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SnapshotEvery = 20;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public InMemoryEventLog Log { get; } = new();

    /// <summary>The users' data keys, as the silo holds them.</summary>
    public InMemoryDataKeyStore KeyStore { get; } = new();

    /// <summary>The silo's key service, over <see cref="KeyStore"/>.</summary>
    public StreamKeys Keys { get; }

    /// <summary>What the silo writes through: <see cref="Log"/>, with faults a test can arm.</summary>
    public FaultyEventLog Storage { get; }

    public ClusterFixture()
    {
        Storage = new FaultyEventLog(Log);
        Keys = new StreamKeys(KeyStore, new MasterKeyRing(MasterKeyRing.NewKey()));
    }

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IEventLog>(Storage);
            host.Services.AddSingleton(Keys);
            host.Services.AddSingleton(EventTypeRegistry.ForUserEvents());
            host.Services.Configure<SnapshotOptions>(o => o.EventThreshold = SnapshotEvery);
        });
        builder.ConfigureSilo((_, silo) => silo.AddCustomStorageBasedLogConsistencyProvider(EventLogConsistency.ProviderName));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Deactivates every idle grain, so the next call activates from storage.</summary>
    public Task DeactivateAllAsync() =>
        Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>An envelope as the grain reads it: its payload decrypted with the user's key (plaintext ones pass as they are).</summary>
    public async Task<EventEnvelope> RevealAsync(EventEnvelope envelope)
    {
        using var cipher = await Keys.OpenAsync(envelope.Stream);
        return PayloadCipher.Reveal(envelope, cipher);
    }

    public async Task<IUserGrain> NewUserAsync(string displayName = "Robin")
    {
        var user = Grains.GetGrain<IUserGrain>(Ids.New("u"));
        await user.Register(displayName);
        return user;
    }
}
