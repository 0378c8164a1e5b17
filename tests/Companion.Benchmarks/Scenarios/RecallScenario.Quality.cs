using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Recall;
using Companion.Testing.Recall;
using Microsoft.Extensions.AI;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Recall@5 and @1 on the labelled set with the real local model, alone and among a crowd of
/// generated look-alike messages (<see cref="LabelledRecallSet.Crowd"/>), each as all queries, the
/// tuning half (even-numbered) and the held-out half (odd); the model's embedding throughput, the
/// time to embed one query, and keyword indexing and search on English text.
/// </summary>
public static partial class RecallScenario
{
    private static async Task QualityAsync(bool full)
    {
        using var model = new MiniLmEmbeddingGenerator();
        await model.GenerateAsync(["warm the model up"]);
        var answers = LabelledRecallSet.Memories.Select(m => (Id: m.Id, Text: m.Text, Memory: true))
            .Concat(LabelledRecallSet.Messages.Select(m => (Id: m.Id, Text: m.Text, Memory: false)))
            .Concat(LabelledRecallSet.Distractors().Select((text, i) => (Id: $"msg{i}", Text: text, Memory: false)))
            .ToList();
        var crowd = LabelledRecallSet.Crowd(full ? 20_000 : 200).Select((text, i) => (Id: $"crowd{i}", Text: text, Memory: false)).ToList();
        var queries = full ? LabelledRecallSet.Queries : [.. LabelledRecallSet.Queries.Take(6)];

        var started = Stopwatch.GetTimestamp();
        var vectors = new List<Embedding<float>>();
        foreach (var batch in answers.Concat(crowd).Chunk(16))
        {
            vectors.AddRange(await model.GenerateAsync(batch.Select(b => b.Text)));
        }

        var textsPerSecond = (answers.Count + crowd.Count) / Stopwatch.GetElapsedTime(started).TotalSeconds;
        var queryVectors = new List<float[]>();
        var embedQuery = new Latencies();
        foreach (var (query, _) in queries)
        {
            var t = Stopwatch.GetTimestamp();
            queryVectors.Add((await model.GenerateAsync([query]))[0].Vector.ToArray());
            embedQuery.Add(t);
        }

        var index = new RecallIndex();
        for (var i = 0; i < answers.Count + crowd.Count; i++)
        {
            var item = i < answers.Count ? answers[i] : crowd[i - answers.Count];
            UserEvent recorded = item.Memory
                ? new MemoryRecorded("c1", item.Id, item.Text, "fact", 0.5, false, null, Now.AddDays(-i))
                : i < answers.Count
                    ? new MessageRecorded("c1", "s1", item.Id, MessageRole.User, item.Text, null, null, Now.AddHours(-i))
                    : new MessageRecorded("c1", "s1", item.Id, MessageRole.User, item.Text, null, null, Now.AddMinutes(-((i - answers.Count) * 97L % (90 * 24 * 60))));
            index.SetVector((index.Apply(recorded, i + 1) ?? throw new InvalidOperationException("not indexed")).Slot, MiniLmEmbeddingGenerator.ModelId, vectors[i].Vector.ToArray());
            if (i == answers.Count - 1)
            {
                ReportRecall(index, queries, queryVectors, $"{queries.Count} queries, labelled set alone ({index.Count} texts)");
            }
        }

        ReportRecall(index, queries, queryVectors, $"among {crowd.Count:#,0} crowd messages ({index.Count:#,0} texts)");
        Report.Row("embedding throughput, local model, batches of 16, this machine's cores", textsPerSecond, "texts/s");
        Report.Row("query embedding p50 (one short query, local model)", embedQuery.PercentileMs(50), "ms");
        Report.Row("query embedding p99", embedQuery.PercentileMs(99), "ms");
        KeywordOnEnglish(
            [.. answers.Select(a => a.Text).Concat(LabelledRecallSet.Crowd(20_000))],
            [.. LabelledRecallSet.Queries.Select(q => q.Query)]);
    }

    /// <summary>Only the recall quality part (<c>-- recall-quality</c>): the labelled set alone and among the crowd, with the local model.</summary>
    public static Task RunQualityAsync(ScenarioSize size) => QualityAsync(size == ScenarioSize.Full);

    private static void ReportRecall(RecallIndex index, IReadOnlyList<(string Query, string Expected)> queries, List<float[]> vectors, string set)
    {
        var tuning = new RecallTuning();
        var found = new int[3, 2, 2]; // system (keyword, semantic, fused), k (1, 5), half (tuning, held out)
        for (var q = 0; q < queries.Count; q++)
        {
            var (query, expected) = queries[q];
            var searches = new[]
            {
                index.Search(query, null, null, _ => true, 5, Now, tuning),
                index.Search("", vectors[q], MiniLmEmbeddingGenerator.ModelId, _ => true, 5, Now, tuning),
                index.Search(query, vectors[q], MiniLmEmbeddingGenerator.ModelId, _ => true, 5, Now, tuning),
            };
            for (var system = 0; system < searches.Length; system++)
            {
                var rank = searches[system].Select(h => h.Id).ToList().IndexOf(expected) + 1;
                found[system, 0, q % 2] += rank == 1 ? 1 : 0;
                found[system, 1, q % 2] += rank is >= 1 and <= 5 ? 1 : 0;
            }
        }

        string[] systems = ["keyword only", "semantic only (all-MiniLM-L6-v2)", "fused"];
        for (var k = 1; k >= 0; k--)
        {
            for (var system = 0; system < systems.Length; system++)
            {
                var (tuningHalf, heldOut) = (found[system, k, 0], found[system, k, 1]);
                Report.Row($"recall@{(k == 1 ? 5 : 1)}, {systems[system]}, {set}; tuning half {tuningHalf}, held-out half {heldOut}", tuningHalf + heldOut, $"of {queries.Count}");
            }
        }
    }

    // Keyword only, on the labelled set and 20,000 crowd texts at every size (no model needed):
    // English, so plurals fold (PluralStemmer), where the synthetic history's words never end in
    // "s". Indexing is timed five times over, the quickest kept: it takes well under a second.
    private static void KeywordOnEnglish(List<string> texts, List<string> queries)
    {
        var (seconds, cpuSeconds) = (double.MaxValue, double.MaxValue);
        var index = new RecallIndex();
        for (var round = 0; round < 5; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            index = new RecallIndex();
            for (var i = 0; i < texts.Count; i++)
            {
                index.Apply(new MessageRecorded("c1", "s1", $"t{i}", MessageRole.User, texts[i], null, null, Now), i + 1);
            }

            seconds = Math.Min(seconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
            cpuSeconds = Math.Min(cpuSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }

        Report.Row($"keyword indexing, {texts.Count:#,0} English texts, quickest of 5, wall", texts.Count / seconds, "texts/s");
        Report.Row("keyword indexing, same, per CPU second", texts.Count / Math.Max(cpuSeconds, 1e-6), "texts/s");

        var tuning = new RecallTuning();
        var search = new Latencies();
        for (var round = -1; round < 20; round++)
        {
            foreach (var query in queries)
            {
                var t = Stopwatch.GetTimestamp();
                index.Search(query, null, null, _ => true, 10, Now, tuning);
                if (round >= 0)
                {
                    search.Add(t);
                }
            }
        }

        Report.Row("keyword search p50, same texts, labelled queries, limit 10", search.PercentileMs(50), "ms");
        Report.Row("keyword search p99", search.PercentileMs(99), "ms");
    }
}
