using System.Collections.Immutable;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall;

/// <summary>Searching the index: keyword and semantic candidates, fused by reciprocal rank.</summary>
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

    // Vectors of another model are never compared: each model's vectors are a set of their own.
    private List<(int Slot, double Similarity)> Nearest(float[] query, string model, Func<int, bool> accept, RecallTuning tuning) =>
        _vectors.Nearest(model, query, accept, tuning.MinSimilarity, tuning.Candidates);

    private static RecallHit Hit(RecallDocument document, Fused fused, DateTimeOffset now, RecallTuning tuning)
    {
        // A keyword match counts by how much of the query it holds: one common word of a long
        // question says less than the question's rare name (measured on the labelled set).
        var keywordWeight = tuning.WeighKeywordByCoverage ? fused.Coverage : 1;
        var rrf = (fused.KeywordRank is { } k ? keywordWeight / (tuning.RankConstant + k) : 0)
            + (fused.SemanticRank is { } s ? 1.0 / (tuning.RankConstant + s) : 0);
        var ageDays = Math.Max(0, (now - document.At).TotalDays);
        var recency = Math.Pow(0.5, ageDays / tuning.RecencyHalfLifeDays);
        var score = rrf * (1 + (tuning.SalienceWeight * Math.Clamp(document.Salience, 0, 1))) * (1 + (tuning.RecencyWeight * recency));
        var matchedBy = (fused.KeywordRank, fused.SemanticRank) switch
        {
            (not null, not null) => RecallMatch.Both,
            (not null, null) => RecallMatch.Keyword,
            _ => RecallMatch.Semantic,
        };
        return new RecallHit(
            document.Kind, document.Id, document.Text, document.Version, document.At, document.CompanionId, document.SessionId, document.Role,
            matchedBy, Math.Round(score, 6), fused.KeywordRank, fused.SemanticRank,
            fused.Similarity is { } similarity ? Math.Round(similarity, 4) : null,
            [.. fused.Terms]);
    }

    private sealed class Fused
    {
        public int? KeywordRank { get; init; }

        public IReadOnlyList<string> Terms { get; init; } = [];

        public double Coverage { get; init; } = 1;

        public int? SemanticRank { get; set; }

        public double? Similarity { get; set; }
    }
}
