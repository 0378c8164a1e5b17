using Orleans.EventSourcing;
using Orleans.Providers;

namespace Companion.Benchmarks.Peers;

// The peer an Orleans user would pick first: a stock JournaledGrain, its log kept by one of the
// built-in log-consistency providers over Microsoft.Orleans.Persistence.AzureStorage. It records
// the same message text our grain records, without encryption, hash chain or derived state.

/// <summary>One message, as the stock grain journals it.</summary>
[GenerateSerializer, Immutable, Alias("bench.peer-message")]
public sealed record PeerMessage([property: Id(0)] string MessageId, [property: Id(1)] string Text, [property: Id(2)] DateTimeOffset At);

/// <summary>The stock grain's state: only a count, so the state costs the peer nothing.</summary>
[GenerateSerializer, Alias("bench.peer-state")]
public sealed class PeerState
{
    [Id(0)]
    public long Messages { get; set; }

    /// <summary>Called by <see cref="JournaledGrain{TState, TEvent}"/> for each confirmed event.</summary>
    public void Apply(PeerMessage message) => Messages++;
}

/// <summary>Appends a batch of messages and waits until storage confirms them.</summary>
public interface IPeerGrain : IGrainWithStringKey
{
    Task Append(IReadOnlyList<PeerMessage> messages);

    Task<int> ConfirmedVersion();
}

/// <summary>Keeps the whole event log as its grain state (<c>LogStorage</c>: each confirm rewrites it).</summary>
public interface ILogStoragePeerGrain : IPeerGrain;

/// <summary>Keeps the current state and a version (<c>StateStorage</c>: each confirm writes the state).</summary>
public interface IStateStoragePeerGrain : IPeerGrain;

/// <summary>The stock grain; the log-consistency provider is chosen by the subclass.</summary>
public abstract class PeerGrain : JournaledGrain<PeerState, PeerMessage>, IPeerGrain
{
    public async Task Append(IReadOnlyList<PeerMessage> messages)
    {
        RaiseEvents(messages);
        await ConfirmEvents();
    }

    public Task<int> ConfirmedVersion() => Task.FromResult(Version);
}

[LogConsistencyProvider(ProviderName = PeerProviders.LogStorage), StorageProvider(ProviderName = PeerProviders.Storage)]
public sealed class LogStoragePeerGrain : PeerGrain, ILogStoragePeerGrain;

[LogConsistencyProvider(ProviderName = PeerProviders.StateStorage), StorageProvider(ProviderName = PeerProviders.Storage)]
public sealed class StateStoragePeerGrain : PeerGrain, IStateStoragePeerGrain;

/// <summary>The provider names the peer grains are registered under.</summary>
public static class PeerProviders
{
    public const string LogStorage = "LogStorage";
    public const string StateStorage = "StateStorage";
    public const string Storage = "peer-blobs";

    /// <summary>Both stock log-consistency providers over Azure Blob grain storage on <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder AddStockPeers(this ISiloBuilder silo, string connectionString) => silo
        .AddLogStorageBasedLogConsistencyProvider(LogStorage)
        .AddStateStorageBasedLogConsistencyProvider(StateStorage)
        .AddAzureBlobGrainStorage(Storage, options =>
        {
            options.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(connectionString);
            options.ContainerName = "peer-grain-state";
        });
}
