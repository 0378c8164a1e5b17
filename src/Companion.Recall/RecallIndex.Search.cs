using System.Collections.Immutable;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall;

/// <summary>Searching the index: keyword and semantic candidates, fused as <c>RecallIndex.Fusion.cs</c> says.</summary>
public sealed partial class RecallIndex
{
    /// <summary>
    /// Ranks the items that <paramref name="accept"/> lets through, leaving out memories whose fact
    /// ended by <paramref name="now"/>. Keyword candidates by BM25,
    /// semantic ones by cosine similarity to <paramref name="queryVector"/> (only vectors of
    /// <paramref name="model"/>, at least <see cref="RecallTuning.MinSimilarity"/>), fused by
    /// reciprocal rank and weighted by salience and recency (<see cref="RecallTuning"/>).
    /// </summary>
    public ImmutableArray<RecallHit> Search(
        string query, float[]? queryVector, string? model, Func<RecallDocument, bool> accept, int limit, DateTimeOffset now, RecallTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(tuning);
        bool Accepts(int slot) => _documents.TryGetValue(slot, out var document) && !Ended(slot, now) && accept(document);

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

        var meaningRan = queryVector is not null && model is not null;
        return [.. fused
            .Select(f => Hit(_documents[f.Key], f.Value, meaningRan, now, tuning))
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.Version)
            .Take(limit)];
    }

    // Vectors of another model are never compared: each model's vectors are a set of their own.
    private List<(int Slot, double Similarity)> Nearest(float[] query, string model, Func<int, bool> accept, RecallTuning tuning) =>
        _vectors.Nearest(model, query, accept, tuning.MinSimilarity, tuning.Candidates);
}
