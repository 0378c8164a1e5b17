namespace Companion.Client;

/// <summary>What a search or the context's recall can find.</summary>
public enum RecallKind
{
    /// <summary>A companion's memory.</summary>
    Memory = 1,

    /// <summary>A message of any session.</summary>
    Message = 2,

    /// <summary>A journal entry.</summary>
    Journal = 3,
}

/// <summary>How a hit matched the query.</summary>
public enum RecallMatch
{
    /// <summary>By the query's words.</summary>
    Keyword = 1,

    /// <summary>By meaning (embeddings).</summary>
    Semantic = 2,

    /// <summary>Both.</summary>
    Both = 3,
}

/// <summary>What a search found, and how far the index it searched is behind the log.</summary>
/// <param name="Hits">Ranked hits, best first.</param>
/// <param name="IndexedVersion">The log version the keyword index includes.</param>
/// <param name="HeadVersion">The log's head version when the search ran.</param>
/// <param name="EmbeddedVersion">The log version up to which every item has its embedding.</param>
/// <param name="EmbeddingsPending">Items indexed but not yet embedded.</param>
/// <param name="EmbeddingModel">The model whose vectors were searched; null when search by meaning is off.</param>
/// <param name="SemanticSkipped">Why the query was not searched by meaning, when it was not.</param>
/// <param name="Reembedding">While a newly configured model re-embeds the index: which, and how far it is; null otherwise.</param>
public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    long IndexedVersion,
    long HeadVersion,
    long EmbeddedVersion,
    int EmbeddingsPending,
    string? EmbeddingModel,
    string? SemanticSkipped,
    SearchReembedding? Reembedding = null);

/// <summary>A newly configured embedding model re-embedding the index; the old model answers meanwhile.</summary>
/// <param name="Model">The new model.</param>
/// <param name="Done">Items re-embedded.</param>
/// <param name="Total">Items to re-embed.</param>
public sealed record SearchReembedding(string Model, int Done, int Total);

/// <summary>One hit, with where it comes from.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Id">The memory, message or entry id.</param>
/// <param name="Text">Its words.</param>
/// <param name="Version">The log version that recorded it.</param>
/// <param name="At">When.</param>
/// <param name="CompanionId">Its companion (memories and messages).</param>
/// <param name="SessionId">Its session (messages).</param>
/// <param name="Role">Who spoke (messages).</param>
/// <param name="MatchedBy">How it matched.</param>
/// <param name="Score">The fused score hits are ranked by.</param>
/// <param name="KeywordRank">Its rank among keyword matches, when it matched by keyword.</param>
/// <param name="SemanticRank">Its rank among matches by meaning, when it matched so.</param>
/// <param name="Similarity">Cosine similarity to the query, when it matched by meaning.</param>
/// <param name="MatchedTerms">The query's terms it contains, as indexed (lower-cased, plurals folded: "drink" for "drinks").</param>
public sealed record SearchHit(
    RecallKind Kind,
    string Id,
    string Text,
    long Version,
    DateTimeOffset At,
    string? CompanionId,
    string? SessionId,
    MessageRole? Role,
    RecallMatch MatchedBy,
    double Score,
    int? KeywordRank,
    int? SemanticRank,
    double? Similarity,
    IReadOnlyList<string> MatchedTerms);

/// <summary>A memory or past message the context recalled for its query.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its id.</param>
/// <param name="Text">Its words.</param>
/// <param name="Version">The log version that recorded it.</param>
/// <param name="At">When.</param>
/// <param name="SessionId">Its session (messages).</param>
/// <param name="Role">Who spoke (messages).</param>
/// <param name="MatchedBy">How it matched.</param>
/// <param name="Score">Its score.</param>
/// <param name="Recalled">True: it is in the context because it was recalled.</param>
public sealed record RecalledItem(
    RecallKind Kind, string Id, string Text, long Version, DateTimeOffset At, string? SessionId, MessageRole? Role, RecallMatch MatchedBy, double Score, bool Recalled);

/// <summary>What to ask of the context beyond the defaults; every null is the silo's default.</summary>
/// <param name="Budget">Characters the context may use (default 12,000).</param>
/// <param name="Messages">Recent messages to include at most.</param>
/// <param name="Query">What to recall memories and past messages for (default: the newest user message); 1 to the silo's limit of characters.</param>
/// <param name="BudgetTokens">Tokens of <paramref name="Tokenizer"/> the context may use, beside the character budget.</param>
/// <param name="Tokenizer">The tokenizer tokens are counted with: <c>cl100k</c> or <c>o200k</c>.</param>
public sealed record ContextOptions(int? Budget = null, int? Messages = null, string? Query = null, int? BudgetTokens = null, string? Tokenizer = null);
