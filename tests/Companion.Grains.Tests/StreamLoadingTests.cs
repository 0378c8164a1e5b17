using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;
using Companion.Testing.Storage;

namespace Companion.Grains.Tests;

/// <summary>How a stream's state is loaded: the snapshot and the head are read together, and the tail only when there is one.</summary>
public sealed class StreamLoadingTests
{
    private static readonly EventTypeRegistry Registry = EventTypeRegistry.ForUserEvents();
    private static readonly DateTimeOffset At = new(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_snapshot_at_the_head_is_loaded_without_reading_the_log_after_it()
    {
        var log = new CountingLog(new InMemoryEventLog());
        var (state, head) = await WriteAsync(log, "u_loading", sessions: 3);
        await SnapshotAsync(log, "u_loading", state, head);

        var readsBefore = log.Reads;
        var loaded = await StreamLoading.LoadAsync(log, Registry, "u_loading", cipher: null);

        Assert.Equal(readsBefore, log.Reads);
        Assert.Equal(head, loaded.Head);
        Assert.Equal(0, loaded.Replayed);
        Assert.Equal(5, loaded.State.Version);
    }

    [Fact]
    public async Task A_snapshot_behind_the_head_is_followed_by_the_events_after_it()
    {
        var log = new CountingLog(new InMemoryEventLog());
        var (state, head) = await WriteAsync(log, "u_loading", sessions: 3);
        await SnapshotAsync(log, "u_loading", state, head);
        var (_, newHead) = await WriteAsync(log, "u_loading", sessions: 2, after: head);

        var readsBefore = log.Reads;
        var loaded = await StreamLoading.LoadAsync(log, Registry, "u_loading", cipher: null);

        Assert.Equal(readsBefore + 1, log.Reads);
        Assert.Equal(newHead, loaded.Head);
        Assert.Equal(2, loaded.Replayed);
        Assert.Equal(7, loaded.State.Version);
    }

    [Fact]
    public async Task A_snapshot_in_the_binary_form_and_one_in_JSON_load_to_the_same_state()
    {
        var log = new InMemoryEventLog();
        var (state, head) = await WriteAsync(log, "u_binary", sessions: 3);
        await log.SaveSnapshotAsync(new Snapshot("u_binary", head.Version, head.Hash, UserState.SchemaVersion, UserStateBinary.Serialize(state), At));
        var (jsonState, jsonHead) = await WriteAsync(log, "u_json", sessions: 3);
        await SnapshotAsync(log, "u_json", jsonState, jsonHead);

        var binary = await StreamLoading.LoadAsync(log, Registry, "u_binary", cipher: null);
        var json = await StreamLoading.LoadAsync(log, Registry, "u_json", cipher: null);

        Assert.Null(binary.SnapshotIgnored);
        Assert.Null(json.SnapshotIgnored);
        Assert.Equal((head.Version, 0L), (binary.SnapshotVersion, binary.Replayed));
        Assert.Equal((jsonHead.Version, 0L), (json.SnapshotVersion, json.Replayed));
        Assert.Equal(UserStateJson.Hash(state), UserStateJson.Hash(binary.State));
        Assert.Equal(UserStateJson.Hash(jsonState), UserStateJson.Hash(json.State));
    }

    [Fact]
    public async Task A_damaged_binary_snapshot_is_ignored_and_the_log_replayed()
    {
        var log = new InMemoryEventLog();
        var (state, head) = await WriteAsync(log, "u_damaged", sessions: 3);
        var damaged = UserStateBinary.Serialize(state);
        damaged = damaged[..(damaged.Length / 2)];
        await log.SaveSnapshotAsync(new Snapshot("u_damaged", head.Version, head.Hash, UserState.SchemaVersion, damaged, At));

        var loaded = await StreamLoading.LoadAsync(log, Registry, "u_damaged", cipher: null);

        Assert.Contains("cannot be read", loaded.SnapshotIgnored, StringComparison.Ordinal);
        Assert.Equal(0, loaded.SnapshotVersion);
        Assert.Equal(UserStateJson.Hash(state), UserStateJson.Hash(loaded.State));
    }

    private static async Task<(UserState State, StreamHead Head)> WriteAsync(IEventLog log, string stream, int sessions, StreamHead? after = null)
    {
        var head = after ?? StreamHead.Empty;
        UserEvent[] events = after is null
            ? [new UserRegistered(stream, "Ada", At), new CompanionCreated("c_loading", "Sol", Persona.Empty, null, At), .. Entries(sessions)]
            : [.. Entries(sessions)];
        var envelopes = EnvelopeChain.Seal(stream, head, events.Select(Registry.ToData));
        await log.AppendAsync(stream, head.Version, envelopes);
        var state = (await StreamLoading.LoadAsync(log, Registry, stream, cipher: null)).State;
        return (state, new StreamHead(envelopes[^1].Version, envelopes[^1].Hash));
    }

    private static IEnumerable<UserEvent> Entries(int count) =>
        Enumerable.Range(0, count).Select(i => new SessionStarted("c_loading", Ids.New("s"), null, At.AddMinutes(i)));

    private static Task SnapshotAsync(IEventLog log, string stream, UserState state, StreamHead head) =>
        log.SaveSnapshotAsync(new Snapshot(stream, head.Version, head.Hash, UserState.SchemaVersion, UserStateJson.Serialize(state), At));

    /// <summary>The log, counting the reads of events (not of heads or snapshots).</summary>
    private sealed class CountingLog(IEventLog inner) : IEventLog
    {
        public int Reads { get; private set; }

        public IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, CancellationToken cancellationToken = default)
        {
            Reads++;
            return inner.ReadAsync(stream, fromVersion, cancellationToken);
        }

        public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(stream, expectedVersion, envelopes, cancellationToken);

        public Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default) => inner.GetHeadAsync(stream, cancellationToken);

        public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => inner.SaveSnapshotAsync(snapshot, cancellationToken);

        public Task<Snapshot?> LoadNewestSnapshotAsync(string stream, CancellationToken cancellationToken = default) => inner.LoadNewestSnapshotAsync(stream, cancellationToken);

        public Task<Snapshot?> LoadSnapshotAtOrBeforeAsync(string stream, long version, CancellationToken cancellationToken = default) =>
            inner.LoadSnapshotAtOrBeforeAsync(stream, version, cancellationToken);

        public IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, CancellationToken cancellationToken = default) =>
            inner.ListStreamsAsync(after, limit, cancellationToken);

        public Task EraseStreamAsync(string stream, CancellationToken cancellationToken = default) => inner.EraseStreamAsync(stream, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }
}
