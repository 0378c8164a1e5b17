using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.Recall;
using Companion.Testing.Recall;
using Microsoft.Extensions.AI;

namespace Companion.Benchmarks.Scenarios;

/// <summary>Recall@5 on the labelled set with the real local model, its embedding throughput, and the time to embed one query.</summary>
public static partial class RecallScenario
{
    private static async Task QualityAsync(bool full)
    {
        using var model = new MiniLmEmbeddingGenerator();
        await model.GenerateAsync(["warm the model up"]);
        var answers = LabelledRecallSet.Memories.Select(m => (Id: m.Id, Text: m.Text, Memory: true))
            .Concat(LabelledRecallSet.Messages.Select(m => (Id: m.Id, Text: m.Text, Memory: false)));
        var distractors = full ? LabelledRecallSet.Distractors().Select((text, i) => (Id: $"msg{i}", Text: text, Memory: false)) : [];
        var items = answers.Concat(distractors).ToList();
        var queries = full ? LabelledRecallSet.Queries : [.. LabelledRecallSet.Queries.Take(6)];

        var started = Stopwatch.GetTimestamp();
        var vectors = new List<Embedding<float>>();
        foreach (var batch in items.Chunk(16))
        {
            vectors.AddRange(await model.GenerateAsync(batch.Select(b => b.Text)));
        }

        var textsPerSecond = items.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        var index = new RecallIndex();
        for (var i = 0; i < items.Count; i++)
        {
            UserEvent recorded = items[i].Memory
                ? new MemoryRecorded("c1", items[i].Id, items[i].Text, "fact", 0.5, false, null, Now.AddDays(-i))
                : new MessageRecorded("c1", "s1", items[i].Id, MessageRole.User, items[i].Text, null, null, Now.AddHours(-i));
            index.SetVector((index.Apply(recorded, i + 1) ?? throw new InvalidOperationException("not indexed")).Slot, MiniLmEmbeddingGenerator.ModelId, vectors[i].Vector.ToArray());
        }

        int keyword = 0, semantic = 0, fused = 0;
        var embedQuery = new Latencies();
        var tuning = new RecallTuning();
        foreach (var (query, expected) in queries)
        {
            var t = Stopwatch.GetTimestamp();
            var vector = (await model.GenerateAsync([query]))[0].Vector.ToArray();
            embedQuery.Add(t);
            keyword += Found(index.Search(query, null, null, _ => true, 5, Now, tuning), expected);
            semantic += Found(index.Search("", vector, MiniLmEmbeddingGenerator.ModelId, _ => true, 5, Now, tuning), expected);
            fused += Found(index.Search(query, vector, MiniLmEmbeddingGenerator.ModelId, _ => true, 5, Now, tuning), expected);
        }

        var set = $"{queries.Count} queries over {items.Count} items";
        Report.Row($"recall@5, keyword only ({set})", 100.0 * keyword / queries.Count, "%");
        Report.Row("recall@5, semantic only (all-MiniLM-L6-v2)", 100.0 * semantic / queries.Count, "%");
        Report.Row("recall@5, fused (RRF, keyword weighted by IDF coverage, salience, recency)", 100.0 * fused / queries.Count, "%");
        Report.Row("embedding throughput, local model, batches of 16, this machine's cores", textsPerSecond, "texts/s");
        Report.Row("query embedding p50 (one short query, local model)", embedQuery.PercentileMs(50), "ms");
        Report.Row("query embedding p99", embedQuery.PercentileMs(99), "ms");
    }

    private static int Found(IEnumerable<Domain.Projections.Recall.RecallHit> hits, string expected) =>
        hits.Any(h => h.Id == expected) ? 1 : 0;
}
