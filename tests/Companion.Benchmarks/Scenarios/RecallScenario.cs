using Companion.Benchmarks.Harness;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Recall: search latency over a large history (keyword only and hybrid), index size, the cost of
/// indexing a message (CPU, allocation, bytes kept), recall@5 on the labelled set with the real
/// local model (and its embedding throughput), and appends with the index on beside the same
/// appends with it off, in one run.
/// Parts: <c>RecallScenario.Search.cs</c>, <c>RecallScenario.Indexing.cs</c>, <c>RecallScenario.Quality.cs</c>, <c>RecallScenario.Append.cs</c>.
/// </summary>
public static partial class RecallScenario
{
    public static async Task RunAsync(ScenarioSize size)
    {
        var full = size == ScenarioSize.Full;
        SearchLatency(memories: full ? 20_000 : 200, messages: full ? 200_000 : 2_000, queries: full ? 400 : 40);
        await RunIndexingAsync(size);
        await QualityAsync(full);
        await RunAppendsAsync(size);
    }

    /// <summary>Only the appends with the index on beside off, in alternating rounds (<c>recall-appends</c>).</summary>
    public static Task RunAppendsAsync(ScenarioSize size)
    {
        var full = size == ScenarioSize.Full;
        return AppendsAsync(users: full ? 200 : 5, duration: TimeSpan.FromSeconds(full ? 10 : 1), rounds: full ? 3 : 1);
    }
}
