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
/// The grain hands the projection what it has just made durable, so an append is indexed without
/// reading and decrypting it back; anything appended another way is found by reading the log.
/// </summary>
public sealed class RecallProjectionObserveTests
{
    private const string Stream = "u_observe";
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EventTypeRegistry _registry = EventTypeRegistry.ForUserEvents();
    private readonly CountingLog _log = new();
    private readonly List<UserEvent> _events = [];
    private StreamHead _head = StreamHead.Empty;

    [Fact]
    public async Task Observed_appends_are_indexed_without_reading_the_log_again()
    {
        await AppendAsync(new UserRegistered(Stream, "Robin", At), new CompanionCreated("c1", "Sol", Persona.Empty, null, At));
        await using var projection = Projection();
        await projection.CatchUpAsync();
        Assert.Equal(1, _log.Reads);

        for (var i = 0; i < 20; i++)
        {
            var observed = await AppendAsync(new MemoryRecorded("c1", $"m{i}", $"Memory number {i} about the lighthouse{i}.", "fact", 0.5, false, null, At));
            projection.Observe(observed.Events, observed.Last);
        }

        await Eventually.TrueAsync(() => projection.IndexedVersion == _head.Version, "the observed appends were indexed");
        var found = await SearchAsync(projection, "lighthouse7");
        Assert.Equal("m7", Assert.Single(found.Hits).Id);
        Assert.Equal(22, found.IndexedVersion);
        Assert.Equal(1, _log.Reads);
    }

    [Fact]
    public async Task An_observed_append_after_a_gap_reads_the_log_and_indexes_each_event_once()
    {
        await AppendAsync(new UserRegistered(Stream, "Robin", At), new CompanionCreated("c1", "Sol", Persona.Empty, null, At));
        await using var projection = Projection();
        await projection.CatchUpAsync();

        // Appended without being handed over (as an import or another writer would), then one that is.
        await AppendAsync(new MemoryRecorded("c1", "m1", "Ada called back after the argument.", "fact", 0.5, false, null, At));
        var observed = await AppendAsync(new MemoryRecorded("c1", "m2", "Ada stayed for dinner.", "fact", 0.5, false, null, At));
        projection.Observe(observed.Events, observed.Last);
        projection.Observe(observed.Events, observed.Last); // handed over twice: indexed once

        await Eventually.TrueAsync(() => projection.IndexedVersion == _head.Version, "the gap was read from the log");
        var found = await SearchAsync(projection, "Ada");
        Assert.Equal(["m1", "m2"], found.Hits.Select(h => h.Id).Order());
        Assert.Equal(2, _log.Reads);
        Assert.Equal(2, projection.Size().Items);
    }

    [Fact]
    public async Task A_log_catch_up_continues_the_hash_chain_from_the_last_observed_envelope()
    {
        await AppendAsync(new UserRegistered(Stream, "Robin", At), new CompanionCreated("c1", "Sol", Persona.Empty, null, At));
        await using var projection = Projection();
        await projection.CatchUpAsync();
        var observed = await AppendAsync(new MemoryRecorded("c1", "m1", "Ada called back.", "fact", 0.5, false, null, At));
        projection.Observe(observed.Events, observed.Last);
        await Eventually.TrueAsync(() => projection.IndexedVersion == 3, "the observed append was indexed");

        await AppendAsync(new MemoryForgotten("c1", "m1", At));
        await AppendAsync(new MemoryRecorded("c1", "m2", "Ada moved to Oslo.", "fact", 0.5, false, null, At));
        await projection.CatchUpAsync();

        var found = await SearchAsync(projection, "Ada");
        Assert.Equal("m2", Assert.Single(found.Hits).Id);
        Assert.Equal(5, found.IndexedVersion);
    }

    private RecallProjection Projection() =>
        new(Stream, _log, _registry, null, new RecallServices(Options.Create(new RecallOptions()), new ContextTokenizers(), NullLogger<RecallServices>.Instance, null));

    private Task<RecallResults> SearchAsync(RecallProjection projection, string text) =>
        projection.SearchAsync(new RecallQuery(text, [], null, null, null, 10), _events.Aggregate(UserState.Empty, UserStateApply.Apply), _head.Version, At);

    private async Task<(UserEvent[] Events, EventEnvelope Last)> AppendAsync(params UserEvent[] events)
    {
        var envelopes = EnvelopeChain.Seal(Stream, _head, events.Select(_registry.ToData));
        await _log.AppendAsync(Stream, _head.Version, envelopes);
        _head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        _events.AddRange(events);
        return (events, envelopes[^1]);
    }

    /// <summary>The in-memory log, counting the reads a projection makes of it.</summary>
    private sealed class CountingLog : IEventReader, IEventAppender
    {
        private readonly InMemoryEventLog _inner = new();
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default) =>
            _inner.AppendAsync(stream, expectedVersion, envelopes, cancellationToken);

        public IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return _inner.ReadAsync(stream, fromVersion, cancellationToken);
        }

        public Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default) => _inner.GetHeadAsync(stream, cancellationToken);
    }
}
