using System.Diagnostics;

namespace Companion.Benchmarks.Harness;

/// <summary>Collects request latencies from many threads and reports percentiles in milliseconds.</summary>
public sealed class Latencies
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ticks.Count;
            }
        }
    }

    public void Add(long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        lock (_gate)
        {
            _ticks.Add(elapsed);
        }
    }

    public double PercentileMs(double percentile)
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}
