using System.Collections.Concurrent;
using System.Diagnostics;

namespace Companion.Cli.Simulate;

/// <summary>What the simulated traffic did so far; safe to update from every user's loop at once.</summary>
internal sealed class SimulationStats
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentDictionary<string, long> _heads = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;
    private long _retried;

    public long Requests => Interlocked.Read(ref _requests);

    public long Retried => Interlocked.Read(ref _retried);

    public long Errors => _errors.Values.Sum();

    public TimeSpan Elapsed => _clock.Elapsed;

    public double RequestsPerSecond => Requests / Math.Max(Elapsed.TotalSeconds, 0.001);

    /// <summary>Failed requests by status ("503", or "network" when no answer came).</summary>
    public IReadOnlyDictionary<string, int> ErrorsByStatus => _errors;

    /// <summary>Successful requests by kind with their latencies in milliseconds.</summary>
    public IReadOnlyDictionary<string, ConcurrentQueue<double>> Latencies => _latencies;

    /// <summary>The newest log version each user's writes reported.</summary>
    public IReadOnlyDictionary<string, long> Heads => _heads;

    public long Succeeded(string kind) => _latencies.TryGetValue(kind, out var q) ? q.Count : 0;

    public void Record(string kind, TimeSpan latency)
    {
        Interlocked.Increment(ref _requests);
        _latencies.GetOrAdd(kind, _ => new ConcurrentQueue<double>()).Enqueue(latency.TotalMilliseconds);
    }

    public void Fail(string status)
    {
        Interlocked.Increment(ref _requests);
        _errors.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public void Retry() => Interlocked.Increment(ref _retried);

    public void SawVersion(string userId, long version) => _heads.AddOrUpdate(userId, version, (_, seen) => Math.Max(seen, version));

    /// <summary>The value below which <paramref name="percent"/>% of the ascending <paramref name="sorted"/> fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
