namespace Companion.Recall;

/// <summary>How recall ranks. The defaults are what the labelled recall set was measured with, alone and among a crowd.</summary>
public sealed record RecallTuning
{
    /// <summary>Candidates taken from each of keyword and semantic search before fusing.</summary>
    public int Candidates { get; init; } = 50;

    /// <summary>The cosine similarity below which an item is not a semantic match at all.</summary>
    public double MinSimilarity { get; init; } = 0.15;

    /// <summary>k of reciprocal rank fusion: 1/(k + rank) per list (60, as in Cormack et al.).</summary>
    public double RankConstant { get; init; } = 60;

    /// <summary>
    /// The share (0 to 1) of the query's IDF weight that a keyword match must hold to add to a
    /// document that meaning also found: half, so the match carries most of what the query asked
    /// for (a name, a code, its rare words), not one everyday word of a longer question. 0 lets
    /// every match add. A match adds in proportion to its share, except to a document meaning did
    /// not rank, where a match at or above this share counts fully (0.4 to 0.6 measured the same
    /// on the tuning half of the labelled set, alone and among 5,000 and 20,000 crowd messages).
    /// </summary>
    public double KeywordGate { get; init; } = 0.5;

    /// <summary>How much a memory's salience (0 to 1) raises its score: at most by this fraction.</summary>
    public double SalienceWeight { get; init; } = 0.2;

    /// <summary>How much being recent raises a score: at most by this fraction, halving every <see cref="RecencyHalfLifeDays"/>.</summary>
    public double RecencyWeight { get; init; } = 0.1;

    /// <summary>The age at which the recency boost is half.</summary>
    public double RecencyHalfLifeDays { get; init; } = 30;
}
