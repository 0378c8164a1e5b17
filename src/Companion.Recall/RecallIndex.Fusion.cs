using Companion.Domain.Projections.Recall;

namespace Companion.Recall;

/// <summary>
/// Fusing a document's keyword and semantic evidence into one score. Meaning leads: its rank
/// counts fully. A keyword match adds by reciprocal rank in proportion to the share of the
/// query's IDF weight it holds, and adds nothing to a document meaning found unless that share
/// reaches <see cref="RecallTuning.KeywordGate"/>: an everyday word of a longer question
/// ("weekend" in "isolated at the weekend") matches many messages that meaning already ranks,
/// and letting it count lifted them past the memory only meaning found. A name, a code or most
/// of the question's rare words passes the gate and lifts the document that holds it.
/// A document that meaning ranked nowhere and whose match passes the gate counts at the full
/// reciprocal rank: the match is all its evidence, and weighed by its share it could never enter
/// meaning's first five (their reciprocal ranks differ by under 2% a place), which is exactly
/// where a long history needs it: locker 4417 among hundreds of other lockers' messages that
/// meaning ranks above it.
/// </summary>
public sealed partial class RecallIndex
{
    private static RecallHit Hit(RecallDocument document, Fused fused, bool meaningRan, DateTimeOffset now, RecallTuning tuning)
    {
        var score = (Keyword(fused, meaningRan, tuning) + Semantic(fused, tuning)) * Lift(document, now, tuning);
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

    private static double Semantic(Fused fused, RecallTuning tuning) =>
        fused.SemanticRank is { } rank ? 1.0 / (tuning.RankConstant + rank) : 0;

    // A document only keyword found keeps a keyword score whatever its share: without a model
    // (or beyond meaning's candidates) that match is all the evidence there is. Below the gate it
    // is weighed by its share, so it follows what meaning found; at or above it, beside a search
    // by meaning that did not rank it, it counts as a rank of meaning's would.
    private static double Keyword(Fused fused, bool meaningRan, RecallTuning tuning)
    {
        if (fused.KeywordRank is not { } rank)
        {
            return 0;
        }

        var passes = fused.Coverage >= tuning.KeywordGate;
        if (fused.SemanticRank is null)
        {
            return (meaningRan && passes ? 1 : fused.Coverage) / (tuning.RankConstant + rank);
        }

        return passes ? fused.Coverage / (tuning.RankConstant + rank) : 0;
    }

    private static double Lift(RecallDocument document, DateTimeOffset now, RecallTuning tuning)
    {
        var ageDays = Math.Max(0, (now - document.At).TotalDays);
        var recency = Math.Pow(0.5, ageDays / tuning.RecencyHalfLifeDays);
        return (1 + (tuning.SalienceWeight * Math.Clamp(document.Salience, 0, 1))) * (1 + (tuning.RecencyWeight * recency));
    }

    private sealed class Fused
    {
        public int? KeywordRank { get; init; }

        public IReadOnlyList<string> Terms { get; init; } = [];

        /// <summary>The share (0 to 1) of the query's IDF weight that the keyword match holds.</summary>
        public double Coverage { get; init; } = 1;

        public int? SemanticRank { get; set; }

        public double? Similarity { get; set; }
    }
}
