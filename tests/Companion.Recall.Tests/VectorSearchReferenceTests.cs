using Companion.Domain.Projections.Recall;

namespace Companion.Recall.Tests;

/// <summary>
/// The quantized nearest-vector search against brute force (exact cosine of every vector, every
/// one sorted): the same items, in the same order, with the same similarities, whether the
/// vectors spread widely (the byte codes' shortlist decides) or crowd in tight clusters (the
/// codes cannot tell neighbours apart and the error bound sends more rows to exact scoring).
/// </summary>
public sealed class VectorSearchReferenceTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.04)]
    [InlineData(4, 0.04)]
    public void Quantized_search_returns_exactly_the_brute_force_top_candidates_with_their_exact_similarities(int seed, double spread)
    {
        var random = new Random(seed);
        var vectors = new Vectors(random, dimensions: 384, topics: 16, spread);
        var set = new VectorSet(384);
        var stored = new Dictionary<int, float[]>();
        for (var slot = 0; slot < 6_000; slot++)
        {
            stored[slot] = vectors.Next();
            set.Set(slot, stored[slot]);
            if (random.NextDouble() < 0.05)
            {
                // Forgetting: a vector leaves, and the last row takes its place.
                var gone = stored.Keys.ElementAt(random.Next(stored.Count));
                Assert.True(set.Remove(gone));
                stored.Remove(gone);
            }
        }

        for (var q = 0; q < 60; q++)
        {
            var query = vectors.Next();
            var (modulus, remainder) = (random.Next(1, 4), random.Next(3));
            bool Accept(int s) => modulus == 1 || s % modulus != remainder;
            var take = random.Next(1, 60);
            var minSimilarity = random.NextDouble() < 0.5 ? 0.15 : 0.9;

            var expected = stored
                .Select(v => (Slot: v.Key, Similarity: VectorSet.Dot(query, v.Value)))
                .Where(v => v.Similarity >= minSimilarity && Accept(v.Slot))
                .OrderByDescending(v => v.Similarity).ThenByDescending(v => v.Slot)
                .Take(take).ToList();

            Assert.Equal(expected, set.Nearest(query, Accept, minSimilarity, take));
        }

        Assert.Equal(stored.Count, set.Count);
    }

    [Fact]
    public void Each_models_vectors_answer_only_its_own_queries_until_the_old_model_is_dropped_and_removed_items_leave_both()
    {
        var index = new RecallIndex();
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var memory = index.Apply(RecallIndexTests.Memory("m1", "Ada called back"), 1)!;
        var other = index.Apply(RecallIndexTests.Memory("m2", "Tomatoes on the balcony"), 2)!;
        index.SetVector(memory.Slot, "model-a", [1, 0, 0]);
        index.SetVector(other.Slot, "model-a", [1, 0, 0]);
        index.SetVector(memory.Slot, "model-b", [0, 1, 0, 0]);

        // While model-b re-embeds, model-a's query meets model-a's vectors only, and model-b's its own.
        Assert.Equal(2, index.Search("", [1, 0, 0], "model-a", _ => true, 10, now, new RecallTuning()).Length);
        Assert.Empty(index.Search("", [0, 1, 0], "model-a", _ => true, 10, now, new RecallTuning()));
        Assert.Equal(memory.Id, Assert.Single(index.Search("", [0, 1, 0, 0], "model-b", _ => true, 10, now, new RecallTuning())).Id);
        Assert.Equal(2, index.EmbeddedBy("model-a"));

        index.KeepVectorsOf("model-b");

        Assert.Empty(index.Search("", [1, 0, 0], "model-a", _ => true, 10, now, new RecallTuning()));
        Assert.Equal(0, index.EmbeddedBy("model-a"));
        Assert.Equal(1, index.Embedded);

        index.Apply(new Domain.Events.MemoryForgotten("c1", "m1", now), 3);

        Assert.Empty(index.Search("", [0, 1, 0, 0], "model-b", _ => true, 10, now, new RecallTuning()));
        Assert.Equal(0, index.Embedded);
    }

    /// <summary>Unit vectors round a few random topics, each component moved by up to ±spread.</summary>
    private sealed class Vectors(Random random, int dimensions, int topics, double spread)
    {
        private readonly float[][] _topics = [.. Enumerable.Range(0, topics).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())];

        public float[] Next()
        {
            var topic = _topics[random.Next(_topics.Length)];
            var vector = topic.Select(v => v + (float)((random.NextDouble() - 0.5) * 2 * spread)).ToArray();
            var norm = (float)Math.Sqrt(vector.Sum(v => v * v));
            return [.. vector.Select(v => v / norm)];
        }
    }
}
