using JasperFx;
using JasperFx.Events;
using Marten;

namespace Companion.Benchmarks.Peers;

/// <summary>
/// The peer a .NET user would pick for event sourcing on PostgreSQL: Marten's event store with its
/// defaults (string stream keys, the default append mode), one lightweight session and one
/// <c>SaveChangesAsync</c> (one transaction) per append. It records the same message our grain
/// records, without encryption, hash chain or derived state.
/// </summary>
public sealed class MartenPeer : IAsyncDisposable
{
    private readonly DocumentStore _store;

    private MartenPeer(DocumentStore store) => _store = store;

    public static async Task<MartenPeer> CreateAsync(string connectionString)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = "peers";
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.AddEventType<PeerMessage>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenPeer(store);
    }

    /// <summary>Appends <paramref name="messages"/> to the stream in one transaction.</summary>
    public async Task AppendAsync(string stream, IReadOnlyList<PeerMessage> messages)
    {
        await using var session = _store.LightweightSession();
        session.Events.Append(stream, messages.Cast<object>().ToArray());
        await session.SaveChangesAsync();
    }

    /// <summary>The stream's version: how many events it holds.</summary>
    public async Task<long> VersionAsync(string stream)
    {
        await using var session = _store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(stream);
        return state?.Version ?? 0;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
