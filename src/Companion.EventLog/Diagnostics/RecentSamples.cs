using System.Diagnostics;

namespace Companion.EventLog.Diagnostics;

/// <summary>
/// The newest samples of a measurement (a fixed ring, oldest overwritten), for the operators'
/// panel: percentiles and rates over the last minute without keeping history. Adding is a short
/// lock and two stores; reading copies the ring.
/// </summary>
public sealed class RecentSamples(int capacity = 2048)
{
    private readonly (long At, double Value, long Weight)[] _ring = new (long, double, long)[capacity];
    private readonly Lock _lock = new();
    private long _written;

    /// <summary>Records one sample now; <paramref name="weight"/> is what it counts towards a rate (events in an append, say).</summary>
    public void Add(double value, long weight = 1)
    {
        var at = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _ring[_written % _ring.Length] = (at, value, weight);
            _written++;
        }
    }

    /// <summary>The samples of the last <paramref name="window"/>, summarised.</summary>
    public SampleSummary Summarise(TimeSpan window)
    {
        (long At, double Value, long Weight)[] copy;
        long written;
        lock (_lock)
        {
            written = _written;
            copy = (((long, double, long)[])_ring.Clone());
        }

        var now = Stopwatch.GetTimestamp();
        var values = new List<double>();
        long weight = 0;
        var oldest = TimeSpan.Zero;
        var count = (int)Math.Min(written, copy.Length);
        for (var i = 0; i < count; i++)
        {
            var age = Stopwatch.GetElapsedTime(copy[i].At, now);
            if (age <= window)
            {
                values.Add(copy[i].Value);
                weight += copy[i].Weight;
                oldest = age > oldest ? age : oldest;
            }
        }

        // When the whole ring lies inside the window, older samples were overwritten: the rate is
        // over the span the ring still covers, not over the whole window.
        var span = values.Count == copy.Length && oldest > TimeSpan.Zero ? oldest : window;
        values.Sort();
        return new SampleSummary(values.Count, weight, weight / span.TotalSeconds,
            Percentile(values, 0.50), Percentile(values, 0.99), values.Count == 0 ? 0 : values[^1],
            values.Count == 0 ? 0 : values.Average());
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Samples of a recent window: how many, their summed weight and its rate per second, and value percentiles.</summary>
public sealed record SampleSummary(int Count, long Weight, double WeightPerSecond, double P50, double P99, double Max, double Mean);
