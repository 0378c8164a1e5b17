using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Recall;

namespace Companion.Benchmarks.Scenarios;

/// <summary>Search latency and index size over a large synthetic history, in process (no HTTP, no grain hop).</summary>
public static partial class RecallScenario
{
    private const string Model = "synthetic";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    // Queries run before the measured ones, so that tiered compilation has finished with the
    // search's loops and the percentiles are the steady state's.
    private const int WarmUpQueries = 50;

    /// <summary>Only the search part (<c>-- recall-search</c>): latency and index size, without the model or the silos.</summary>
    public static Task RunSearchAsync(ScenarioSize size)
    {
        var full = size == ScenarioSize.Full;
        SearchLatency(memories: full ? 20_000 : 200, messages: full ? 200_000 : 2_000, queries: full ? 400 : 40);
        return Task.CompletedTask;
    }

    private static void SearchLatency(int memories, int messages, int queries)
    {
        var history = new SyntheticHistory(seed: 13);
        var heapBefore = SettledHeap();
        var keywordOnly = new RecallIndex();
        for (var i = 0; i < messages; i++)
        {
            keywordOnly.Apply(Message(i, history.Sentence()), i + 1);
        }

        // Kept alive past the measurement: in Release the JIT ends a local's life at its last use,
        // so without this the index is collected before it is weighed (about 100 bytes were reported).
        var keywordBytes = SettledHeap() - heapBefore;
        GC.KeepAlive(keywordOnly);

        heapBefore = SettledHeap();
        var index = new RecallIndex();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < memories + messages; i++)
        {
            // One memory every (messages / memories) messages, as a companion keeps them.
            var document = i % ((memories + messages) / memories) == 0
                ? index.Apply(new MemoryRecorded("c_bench", $"m{i}", history.Sentence(6, 14), "fact", 0.5, false, null, Now.AddMinutes(-i)), i + 1)
                : index.Apply(Message(i, history.Sentence()), i + 1);
            index.SetVector((document ?? throw new InvalidOperationException("not indexed")).Slot, Model, history.Vector());
        }

        var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var hybridBytes = SettledHeap() - heapBefore;

        var keyword = new Latencies();
        var hybrid = new Latencies();
        var tuning = new RecallTuning();
        for (var q = -WarmUpQueries; q < queries; q++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 3).Select(_ => history.Word()));
            var vector = history.Vector();
            var t = Stopwatch.GetTimestamp();
            index.Search(text, null, null, _ => true, 10, Now, tuning);
            if (q >= 0)
            {
                keyword.Add(t);
            }

            t = Stopwatch.GetTimestamp();
            index.Search(text, vector, Model, _ => true, 10, Now, tuning);
            if (q >= 0)
            {
                hybrid.Add(t);
            }
        }

        var items = $"{memories:#,0} memories + {messages:#,0} messages, {WarmUpQueries} queries first unmeasured";
        Report.Row($"search p50, keyword only, {items}, limit 10", keyword.PercentileMs(50), "ms");
        Report.Row("search p99, keyword only", keyword.PercentileMs(99), "ms", 20, higherIsBetter: false);
        Report.Row("search p50, hybrid (BM25 + byte-code pass over every vector, exact cosine of the shortlist, fused), query vector given", hybrid.PercentileMs(50), "ms");
        Report.Row("search p99, hybrid", hybrid.PercentileMs(99), "ms", 20, higherIsBetter: false);
        Report.Row($"index build from {memories + messages:#,0} items (terms and vectors given)", buildSeconds, "s");
        Report.Row("index managed bytes per 1,000 messages, keyword only", keywordBytes * 1_000.0 / messages, "bytes");
        Report.Row("index managed bytes per 1,000 items, with 384-dimension vectors", hybridBytes * 1_000.0 / (memories + messages), "bytes");
        GC.KeepAlive(index);
    }

    private static MessageRecorded Message(int i, string text) =>
        new("c_bench", "s_bench", $"msg{i}", i % 2 == 0 ? MessageRole.User : MessageRole.Companion, text, null, null, Now.AddMinutes(-i));

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
