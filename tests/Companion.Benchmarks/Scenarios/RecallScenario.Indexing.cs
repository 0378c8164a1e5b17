using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Recall;
using Companion.Testing.Recall;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// What indexing a message costs the machine, by keyword only: CPU time and bytes allocated per
/// message, and bytes the index keeps per 1,000 messages (after a full collection), for one long
/// history and for many users with short ones (the append benchmark's shape). Figures the append
/// ratio cannot give on a shared machine: CPU time, not wall clock, so other work on the cores
/// does not count.
/// </summary>
public static partial class RecallScenario
{
    // Texts a person writes (the labelled set's memories, answer messages and everyday messages)
    // and the benchmark seeders' own: repeated, so known words are the rule, as in a real history.
    private static readonly string[] Texts =
    [
        Said,
        "Tonight I named what I felt before reaching for reassurance.",
        .. LabelledRecallSet.Memories.Select(m => m.Text),
        .. LabelledRecallSet.Messages.Select(m => m.Text),
        .. LabelledRecallSet.Distractors(),
    ];

    /// <summary>Only the indexing cost (<c>recall-index</c>): CPU, allocation and retained bytes per message.</summary>
    public static Task RunIndexingAsync(ScenarioSize size)
    {
        var full = size == ScenarioSize.Full;
        Indexing(users: 1, messagesPerUser: full ? 50_000 : 2_000, passes: full ? 5 : 1);
        Indexing(users: full ? 200 : 10, messagesPerUser: full ? 250 : 100, passes: full ? 5 : 1);
        return Task.CompletedTask;
    }

    private static void Indexing(int users, int messagesPerUser, int passes)
    {
        var runs = new List<IndexingRun>();
        for (var pass = -1; pass < passes; pass++)
        {
            var run = IndexOnce(users, messagesPerUser);
            if (pass >= 0)
            {
                runs.Add(run); // the first pass warms the JIT up and is not counted
            }
        }

        var shape = $"{users:#,0} user{(users == 1 ? "" : "s")} × {messagesPerUser:#,0} messages, median of {passes} passes";
        Report.Row($"keyword indexing CPU per message, {shape} (process CPU time, GC included)", runs.Select(r => r.CpuMicroseconds).Order().ElementAt(runs.Count / 2), "µs");
        Report.Row("  bytes allocated per message (the indexing thread)", runs.Select(r => r.AllocatedBytes).Order().ElementAt(runs.Count / 2), "bytes");
        Report.Row("  bytes kept per 1,000 messages after a full collection (texts and ids included)", runs.Select(r => r.RetainedBytes).Order().ElementAt(runs.Count / 2), "bytes");
    }

    private static IndexingRun IndexOnce(int users, int messagesPerUser)
    {
        var heapBefore = SettledHeap();

        // Each event holds strings of its own, as one deserialized or received in a call does.
        var events = new MessageRecorded[users][];
        for (var u = 0; u < users; u++)
        {
            events[u] = new MessageRecorded[messagesPerUser];
            for (var i = 0; i < messagesPerUser; i++)
            {
                events[u][i] = new MessageRecorded(
                    new string("c_bench_companion_0001"), new string("s_bench_session_0001"), $"msg_{u}_{i:D8}",
                    i % 2 == 0 ? MessageRole.User : MessageRole.Companion, new string(Texts[((u * 7) + i) % Texts.Length]), null, null, Now.AddMinutes(i));
            }
        }

        var indexes = new RecallIndex[users];
        SettledHeap();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var u = 0; u < users; u++)
        {
            var index = indexes[u] = new RecallIndex();
            var history = events[u];
            for (var i = 0; i < history.Length; i++)
            {
                index.Apply(history[i], i + 1);
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        var messages = (double)users * messagesPerUser;

        // The events go; what stays is what the indexes keep (texts and ids among it).
        events = null;
        GC.KeepAlive(events);
        var retained = SettledHeap() - heapBefore;
        GC.KeepAlive(indexes);
        return new IndexingRun(cpu.TotalMicroseconds / messages, allocated / messages, retained * 1_000.0 / messages);
    }

    private sealed record IndexingRun(double CpuMicroseconds, double AllocatedBytes, double RetainedBytes);
}
