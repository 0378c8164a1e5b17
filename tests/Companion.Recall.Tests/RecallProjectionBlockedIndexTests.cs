using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;
using Companion.Testing;
using Companion.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Companion.Recall.Tests;

/// <summary>
/// The index is never on the append path: while it is stalled (here, reading the log behind a
/// closed gate) the grain's hand-over returns at once, what waits is bounded, and the index
/// catches up in order once it is free, reading back from the log whatever the bound left out.
/// </summary>
public sealed class RecallProjectionBlockedIndexTests
{
    private const string Stream = "u_blocked";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly EventTypeRegistry _registry = EventTypeRegistry.ForUserEvents();
    private readonly GatedLog _log = new();
    private readonly List<UserEvent> _events = [];
    private StreamHead _head = StreamHead.Empty;

    [Fact]
    public async Task Appends_handed_over_while_the_index_is_blocked_return_at_once_and_are_indexed_after()
    {
        await using var projection = await BlockedProjectionAsync(observedQueueCapacity: 1_024);

        for (var i = 0; i < 20; i++)
        {
            var observed = await AppendAsync(Memory(i));
            // A hand-over that waited for the index would time out here (the index stays blocked).
            await Task.Run(() => projection.Observe(observed.Events, observed.Last)).WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(2, projection.IndexedVersion);
        Assert.Equal(20, projection.ObservedWaiting);

        _log.Open();
        await Eventually.TrueAsync(() => projection.IndexedVersion == _head.Version, "the index caught up once free");
        var found = await SearchAsync(projection, "lighthouse17");
        Assert.Equal("m17", Assert.Single(found.Hits).Id);
        Assert.Equal(0, projection.ObservedWaiting);
        Assert.Equal(21, projection.Size().Items);
    }

    [Fact]
    public async Task Appends_beyond_the_queue_bound_are_read_back_from_the_log_once_the_index_is_free()
    {
        await using var projection = await BlockedProjectionAsync(observedQueueCapacity: 4);
        var readsBefore = _log.Reads;

        for (var i = 0; i < 20; i++)
        {
            var observed = await AppendAsync(Memory(i));
            projection.Observe(observed.Events, observed.Last);
        }

        Assert.Equal(4, projection.ObservedWaiting);

        _log.Open();
        await Eventually.TrueAsync(() => projection.IndexedVersion == _head.Version, "the index caught up from the log");
        var found = await SearchAsync(projection, "lighthouse");
        Assert.Equal(20, found.Hits.Count(h => h.Id.StartsWith('m')));
        Assert.True(_log.Reads > readsBefore, "what the bound left out was read from the log");
        Assert.Equal(0, projection.ObservedWaiting);
    }

    private static MemoryRecorded Memory(int i) =>
        new("c1", $"m{i}", $"Memory number {i} about the lighthouse{i} and the lighthouse.", "fact", 0.5, false, null, At);

    /// <summary>A projection at version 2 whose background catch-up is stuck reading the log.</summary>
    private async Task<RecallProjection> BlockedProjectionAsync(int observedQueueCapacity)
    {
        await AppendAsync(new UserRegistered(Stream, "Robin", At), new CompanionCreated("c1", "Sol", Persona.Empty, null, At));
        var options = new RecallOptions { ObservedQueueCapacity = observedQueueCapacity };
        var projection = new RecallProjection(Stream, _log, _registry, null,
            new RecallServices(Options.Create(options), new ContextTokenizers(), NullLogger<RecallServices>.Instance, null));
        await projection.CatchUpAsync();

        // Appended another way (not handed over), so the next catch-up must read the log: it stalls there.
        await AppendAsync(new MemoryRecorded("c1", "x", "Written by an import.", "fact", 0.5, false, null, At));
        _log.Close();
        projection.CatchUpInBackground();
        await _log.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        return projection;
    }

    private Task<RecallResults> SearchAsync(RecallProjection projection, string text) =>
        projection.SearchAsync(new RecallQuery(text, [], null, null, null, 50), _events.Aggregate(UserState.Empty, UserStateApply.Apply), _head.Version, At);

    private async Task<(UserEvent[] Events, EventEnvelope Last)> AppendAsync(params UserEvent[] events)
    {
        var envelopes = EnvelopeChain.Seal(Stream, _head, events.Select(_registry.ToData));
        await _log.AppendAsync(Stream, _head.Version, envelopes);
        _head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        _events.AddRange(events);
        return (events, envelopes[^1]);
    }

    /// <summary>The in-memory log, whose reads wait while its gate is closed.</summary>
    private sealed class GatedLog : IEventReader, IEventAppender
    {
        private readonly InMemoryEventLog _inner = new();
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _gate = CompletedGate();
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        /// <summary>Completes when a read first waits at the closed gate.</summary>
        public Task Stalled => _stalled.Task;

        public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default) =>
            _inner.AppendAsync(stream, expectedVersion, envelopes, cancellationToken);

        public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            var gate = _gate.Task;
            if (!gate.IsCompleted)
            {
                _stalled.TrySetResult();
                await gate.WaitAsync(cancellationToken);
            }

            await foreach (var envelope in _inner.ReadAsync(stream, fromVersion, cancellationToken))
            {
                yield return envelope;
            }
        }

        public Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default) => _inner.GetHeadAsync(stream, cancellationToken);

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}
