using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Companion.EventLog.Diagnostics;

/// <summary>
/// The memory system's measurements, on the meter <see cref="MeterName"/> (exported for Prometheus
/// at <c>/metrics</c>), plus the in-process totals and recent samples the operators' panel shows.
/// One per silo; every recording is a few interlocked adds, cheap enough for the append path.
/// Prometheus names: dots become underscores, the unit is appended and counters end in <c>_total</c>
/// (<c>companion.append.duration</c> in seconds is <c>companion_append_duration_seconds</c>).
/// </summary>
public sealed partial class CompanionMetrics : IDisposable
{
    /// <summary>The name of the meter every instrument is on.</summary>
    public const string MeterName = "Companion";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly long[] CountBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

    private readonly Meter _meter;
    private readonly Counter<long> _eventsAppended;
    private readonly Histogram<double> _appendDuration;
    private readonly Histogram<long> _batchSize;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _snapshotsWritten;
    private readonly Histogram<double> _activationDuration;
    private readonly Histogram<long> _replayedEvents;
    private readonly UpDownCounter<long> _activeUserGrains;
    private readonly ConcurrentDictionary<string, StrongBox> _eventsByType = new(StringComparer.Ordinal);
    private readonly Totals _totals = new();
    private readonly ContinuityInstruments _continuity;

    /// <summary>Creates the instruments on a meter from the host's factory (so each host has its own).</summary>
    public CompanionMetrics(IMeterFactory meterFactory)
        : this(meterFactory.Create(new MeterOptions(MeterName)))
    {
    }

    /// <summary>Creates the instruments on a meter of its own, for use outside a host (tests, tools).</summary>
    public CompanionMetrics()
        : this(new Meter(MeterName))
    {
    }

    private CompanionMetrics(Meter meter)
    {
        _meter = meter;
        _eventsAppended = meter.CreateCounter<long>("companion.events.appended", "{event}", "Events appended to users' logs, by event type.");
        _appendDuration = meter.CreateHistogram("companion.append.duration", "s", "How long a durable append to a user's log took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _batchSize = meter.CreateHistogram("companion.group_commit.batch_size", "{request}", "Write requests committed together in one transaction.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = CountBuckets });
        _conflicts = meter.CreateCounter<long>("companion.append.conflicts", "{conflict}", "Appends refused because the stream had moved on.");
        _snapshotsWritten = meter.CreateCounter<long>("companion.snapshots.written", "{snapshot}", "Snapshots of derived state written.");
        _activationDuration = meter.CreateHistogram("companion.activation.duration", "s", "How long a user grain took to load its snapshot and replay its tail.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _replayedEvents = meter.CreateHistogram("companion.activation.replayed_events", "{event}", "Events replayed after the snapshot when a user grain activated.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = CountBuckets });
        _activeUserGrains = meter.CreateUpDownCounter<long>("companion.user_grains.active", "{grain}", "User grains active on this silo.");
        _continuity = new ContinuityInstruments(meter);

        // Zero points, so Prometheus sees these series before the first conflict or snapshot.
        _conflicts.Add(0);
        _snapshotsWritten.Add(0);
    }

    /// <summary>Recent appends: latency in seconds, weighted by their event count.</summary>
    public RecentSamples RecentAppends { get; } = new();

    /// <summary>Recent activations: load time in seconds.</summary>
    public RecentSamples RecentActivations { get; } = new(512);

    /// <summary>Recent activations: events replayed.</summary>
    public RecentSamples RecentReplays { get; } = new(512);

    /// <summary>A durable append of events to a user's log, and how long it took.</summary>
    public void RecordAppend(IReadOnlyList<EventEnvelope> envelopes, TimeSpan duration)
    {
        foreach (var envelope in envelopes)
        {
            _eventsAppended.Add(1, new KeyValuePair<string, object?>("type", envelope.Type));
            _eventsByType.GetOrAdd(envelope.Type, static _ => new StrongBox()).Increment();
        }

        Interlocked.Add(ref _totals.EventsAppended, envelopes.Count);
        Interlocked.Increment(ref _totals.Appends);
        _appendDuration.Record(duration.TotalSeconds);
        RecentAppends.Add(duration.TotalSeconds, envelopes.Count);
    }

    /// <summary>An append refused because the stream was not at the expected version.</summary>
    public void RecordConflict()
    {
        Interlocked.Increment(ref _totals.Conflicts);
        _conflicts.Add(1);
    }

    /// <summary>One group-commit transaction of <paramref name="requests"/> write requests committed.</summary>
    public void RecordBatch(int requests)
    {
        Interlocked.Increment(ref _totals.Batches);
        Interlocked.Add(ref _totals.BatchedRequests, requests);
        _batchSize.Record(requests);
    }

    /// <summary>A snapshot was written.</summary>
    public void RecordSnapshot()
    {
        Interlocked.Increment(ref _totals.SnapshotsWritten);
        _snapshotsWritten.Add(1);
    }

    /// <summary>A user grain loaded its state: how long it took and how many events it replayed.</summary>
    public void RecordActivation(TimeSpan duration, long replayedEvents)
    {
        Interlocked.Increment(ref _totals.Activations);
        Interlocked.Add(ref _totals.ReplayedEvents, replayedEvents);
        _activationDuration.Record(duration.TotalSeconds);
        _replayedEvents.Record(replayedEvents);
        RecentActivations.Add(duration.TotalSeconds);
        RecentReplays.Add(replayedEvents);
    }

    /// <summary>A user grain became active on this silo.</summary>
    public void UserGrainActivated()
    {
        Interlocked.Increment(ref _totals.ActiveUserGrains);
        _activeUserGrains.Add(1);
    }

    /// <summary>A user grain was deactivated on this silo.</summary>
    public void UserGrainDeactivated()
    {
        Interlocked.Decrement(ref _totals.ActiveUserGrains);
        _activeUserGrains.Add(-1);
    }

    /// <summary>The totals since this silo started.</summary>
    public MetricTotals ReadTotals() => new(
        Interlocked.Read(ref _totals.EventsAppended),
        Interlocked.Read(ref _totals.Appends),
        Interlocked.Read(ref _totals.Conflicts),
        Interlocked.Read(ref _totals.Batches),
        Interlocked.Read(ref _totals.BatchedRequests),
        Interlocked.Read(ref _totals.SnapshotsWritten),
        Interlocked.Read(ref _totals.Activations),
        Interlocked.Read(ref _totals.ReplayedEvents),
        Interlocked.Read(ref _totals.ActiveUserGrains),
        _eventsByType.ToDictionary(pair => pair.Key, pair => pair.Value.Read(), StringComparer.Ordinal),
        ReadContinuityTotals());

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private sealed class StrongBox
    {
        private long _value;

        public void Increment() => Interlocked.Increment(ref _value);

        public long Read() => Interlocked.Read(ref _value);
    }

    private sealed class Totals
    {
        public long EventsAppended;
        public long Appends;
        public long Conflicts;
        public long Batches;
        public long BatchedRequests;
        public long SnapshotsWritten;
        public long Activations;
        public long ReplayedEvents;
        public long ActiveUserGrains;
    }
}

/// <summary>What a silo has counted since it started.</summary>
public sealed record MetricTotals(
    long EventsAppended,
    long Appends,
    long Conflicts,
    long Batches,
    long BatchedRequests,
    long SnapshotsWritten,
    long Activations,
    long ReplayedEvents,
    long ActiveUserGrains,
    IReadOnlyDictionary<string, long> EventsByType,
    ContinuityTotals Continuity);
