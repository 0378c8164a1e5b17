using System.Diagnostics.Metrics;
using Companion.EventLog.Diagnostics;

namespace Companion.EventLog.Tests.Diagnostics;

public sealed class CompanionMetricsTests
{
    [Fact]
    public void An_append_counts_each_event_by_type_and_records_its_duration_in_seconds()
    {
        using var metrics = new CompanionMetrics();
        using var recorded = new Recorded();

        metrics.RecordAppend([Envelope(1, "message-recorded"), Envelope(2, "message-recorded"), Envelope(3, "memory-recorded")], TimeSpan.FromMilliseconds(4));

        Assert.Equal(2, recorded.Sum("companion.events.appended", "message-recorded"));
        Assert.Equal(1, recorded.Sum("companion.events.appended", "memory-recorded"));
        Assert.Equal(0.004, recorded.Sum("companion.append.duration"), 6);
        var totals = metrics.ReadTotals();
        Assert.Equal(3, totals.EventsAppended);
        Assert.Equal(2, totals.EventsByType["message-recorded"]);
    }

    [Fact]
    public void Activations_grains_batches_and_continuity_outcomes_reach_their_instruments_and_totals()
    {
        using var metrics = new CompanionMetrics();
        using var recorded = new Recorded();

        metrics.RecordActivation(TimeSpan.FromMilliseconds(20), 7);
        metrics.UserGrainActivated();
        metrics.UserGrainActivated();
        metrics.UserGrainDeactivated();
        metrics.RecordBatch(5);
        metrics.RecordConflict();
        metrics.RecordSnapshot();
        metrics.RecordExport(ok: true);
        metrics.RecordImport(ok: false);
        metrics.RecordVerification(ok: false);

        Assert.Equal(7, recorded.Sum("companion.activation.replayed_events"));
        Assert.Equal(1, recorded.Sum("companion.user_grains.active"));
        Assert.Equal(5, recorded.Sum("companion.group_commit.batch_size"));
        Assert.Equal(1, recorded.Sum("companion.append.conflicts"));
        Assert.Equal(1, recorded.Sum("companion.exports"));
        Assert.Equal(0, recorded.Sum("companion.export.failures"));
        Assert.Equal(1, recorded.Sum("companion.import.failures"));
        Assert.Equal(1, recorded.Sum("companion.verification.failures"));
        var totals = metrics.ReadTotals();
        Assert.Equal(1, totals.ActiveUserGrains);
        Assert.Equal(1, totals.SnapshotsWritten);
        Assert.Equal(new ContinuityTotals(1, 0, 1, 1, 1, 1), totals.Continuity);
    }

    [Fact]
    public void Recent_samples_give_percentiles_and_a_rate_weighted_by_events()
    {
        var samples = new RecentSamples(capacity: 1000);
        for (var i = 1; i <= 100; i++)
        {
            samples.Add(i, weight: 2);
        }

        var summary = samples.Summarise(TimeSpan.FromSeconds(10));

        Assert.Equal(100, summary.Count);
        Assert.Equal(50, summary.P50);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
        Assert.Equal(20, summary.WeightPerSecond, 6);
    }

    [Fact]
    public void Recent_samples_keep_only_the_newest_when_full()
    {
        var samples = new RecentSamples(capacity: 10);
        for (var i = 1; i <= 25; i++)
        {
            samples.Add(i);
        }

        var summary = samples.Summarise(TimeSpan.FromMinutes(1));

        Assert.Equal(10, summary.Count);
        Assert.Equal(25, summary.Max);
        Assert.Equal(20.5, summary.Mean, 6);
    }

    private static EventEnvelope Envelope(long version, string type) =>
        new("u_test0000", version, type, 1, DateTimeOffset.UnixEpoch, null, "{}"u8.ToArray(), "prev", "hash");

    /// <summary>Listens to the Companion meter and sums what each instrument measured (tests of a class run one at a time).</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, double Value, string? Type)> _measurements = [];

        public Recorded()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CompanionMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public double Sum(string name, string? type = null) =>
            _measurements.Where(m => m.Name == name && (type is null || m.Type == type)).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? type = null;
            foreach (var tag in tags)
            {
                type = tag.Key == "type" ? tag.Value as string : type;
            }

            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, type));
            }
        }
    }
}
