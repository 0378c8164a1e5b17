using System.Collections.Immutable;
using System.Numerics;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall;

/// <summary>Searching the index: keyword and semantic candidates, fused as <c>RecallIndex.Fusion.cs</c> says.</summary>
public sealed partial class RecallIndex
{
    /// <summary>
    /// Ranks the items that <paramref name="accept"/> lets through. Keyword candidates by BM25,
    /// semantic ones by cosine similarity to <paramref name="queryVector"/> (only vectors of
    /// <paramref name="model"/>, at least <see cref="RecallTuning.MinSimilarity"/>), fused by
    /// reciprocal rank and weighted by salience and recency (<see cref="RecallTuning"/>).
    /// </summary>
    public ImmutableArray<RecallHit> Search(
        string query, float[]? queryVector, string? model, Func<RecallDocument, bool> accept, int limit, DateTimeOffset now, RecallTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(tuning);
        bool Accepts(int slot) => _documents.TryGetValue(slot, out var document) && accept(document);

        var keyword = _keywords.Search(TextTerms.Split(query), Accepts, tuning.Candidates);
        var semantic = queryVector is null || model is null
            ? []
            : Nearest(Normalized(queryVector), model, Accepts, tuning);

        var fused = new Dictionary<int, Fused>();
        for (var rank = 0; rank < keyword.Count; rank++)
        {
            fused[keyword[rank].Slot] = new Fused { KeywordRank = rank + 1, Terms = keyword[rank].Terms, Coverage = keyword[rank].Coverage };
        }

        for (var rank = 0; rank < semantic.Count; rank++)
        {
            var entry = fused.GetValueOrDefault(semantic[rank].Slot) ?? new Fused();
            entry.SemanticRank = rank + 1;
            entry.Similarity = semantic[rank].Similarity;
            fused[semantic[rank].Slot] = entry;
        }

        return [.. fused
            .Select(f => Hit(_documents[f.Key], f.Value, now, tuning))
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.Version)
            .Take(limit)];
    }

    private List<(int Slot, double Similarity)> Nearest(float[] query, string model, Func<int, bool> accept, RecallTuning tuning)
    {
        var nearest = new List<(int Slot, double Similarity)>();
        foreach (var (slot, vector) in _vectors)
        {
            if (vector.Model != model || vector.Values.Length != query.Length)
            {
                continue;
            }

            var similarity = Dot(query, vector.Values);
            if (similarity >= tuning.MinSimilarity && accept(slot))
            {
                nearest.Add((slot, similarity));
            }
        }

        return [.. nearest.OrderByDescending(n => n.Similarity).ThenByDescending(n => n.Slot).Take(tuning.Candidates)];
    }

    // SIMD: the hybrid search's cost is this loop over every vector of the user.
    private static double Dot(float[] a, float[] b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        }

        var total = (double)Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
