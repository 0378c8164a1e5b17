namespace Companion.Domain.Projections.Recall;

/// <summary>What a recalled item is.</summary>
public enum RecallKind
{
    /// <summary>A memory a companion keeps.</summary>
    Memory = 1,

    /// <summary>A message of a conversation, from the whole history (not only the recent window).</summary>
    Message = 2,

    /// <summary>A journal entry of the user's.</summary>
    Journal = 3,
}

/// <summary>Why a hit was found.</summary>
public enum RecallMatch
{
    /// <summary>It shares words with the query (BM25).</summary>
    Keyword = 1,

    /// <summary>Its meaning is near the query's (embedding similarity).</summary>
    Semantic = 2,

    /// <summary>Both.</summary>
    Both = 3,
}
