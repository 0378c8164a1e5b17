using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.Projections.Recall;

/// <summary>One thing a search found, with where it comes from in the log and why it matched.</summary>
/// <param name="Kind">Memory, message or journal entry.</param>
/// <param name="Id">The memory, message or entry id.</param>
/// <param name="Text">Its words.</param>
/// <param name="Version">The version of the event that recorded it.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="CompanionId">Its companion (none for journal entries).</param>
/// <param name="SessionId">The session of a message.</param>
/// <param name="Role">Who spoke a message.</param>
/// <param name="MatchedBy">Keyword, semantic, or both.</param>
/// <param name="Score">The fused score hits are ranked by (higher first).</param>
/// <param name="KeywordRank">Its rank among keyword matches (1-based), when it matched by keyword.</param>
/// <param name="SemanticRank">Its rank among semantic matches (1-based), when it matched by meaning.</param>
/// <param name="Similarity">Cosine similarity of its embedding to the query's, when it matched by meaning.</param>
/// <param name="MatchedTerms">The query's terms it contains, as indexed (lower-cased, plurals folded: "drink" for "drinks"), when it matched by keyword.</param>
[Immutable, GenerateSerializer, Alias("companion.recall-hit")]
public sealed record RecallHit(
    [property: Id(0)] RecallKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Text,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? CompanionId,
    [property: Id(6)] string? SessionId,
    [property: Id(7)] MessageRole? Role,
    [property: Id(8)] RecallMatch MatchedBy,
    [property: Id(9)] double Score,
    [property: Id(10)] int? KeywordRank,
    [property: Id(11)] int? SemanticRank,
    [property: Id(12)] double? Similarity,
    [property: Id(13)] ImmutableArray<string> MatchedTerms);

/// <summary>What a search found, and how far the index it searched is behind the log.</summary>
/// <param name="Hits">Ranked hits, best first.</param>
/// <param name="IndexedVersion">The log version the keyword index includes.</param>
/// <param name="HeadVersion">The log's head version when the search ran.</param>
/// <param name="EmbeddedVersion">The log version up to which every item has its embedding.</param>
/// <param name="EmbeddingsPending">Items indexed but not yet embedded (found by keyword only until then).</param>
/// <param name="EmbeddingModel">The model whose vectors were searched; null when semantic search is off.</param>
/// <param name="SemanticSkipped">Why the query was not searched by meaning, when it was not.</param>
/// <param name="Reembedding">
/// While a newly configured model re-embeds the index: which, and how far it is (the search answers
/// with <paramref name="EmbeddingModel"/>'s vectors until it is done); null otherwise.
/// </param>
[Immutable, GenerateSerializer, Alias("companion.recall-results")]
public sealed record RecallResults(
    [property: Id(0)] ImmutableArray<RecallHit> Hits,
    [property: Id(1)] long IndexedVersion,
    [property: Id(2)] long HeadVersion,
    [property: Id(3)] long EmbeddedVersion,
    [property: Id(4)] int EmbeddingsPending,
    [property: Id(5)] string? EmbeddingModel,
    [property: Id(6)] string? SemanticSkipped,
    [property: Id(7)] RecallReembedding? Reembedding = null);

/// <summary>A newly configured embedding model re-embedding an index, the old model answering meanwhile.</summary>
/// <param name="Model">The new model (turning semantic search off needs no re-embedding: it is at once).</param>
/// <param name="Done">Items it has re-embedded (or found gone).</param>
/// <param name="Total">Items it has to re-embed, those indexed since the change included.</param>
[Immutable, GenerateSerializer, Alias("companion.recall-reembedding")]
public sealed record RecallReembedding(
    [property: Id(0)] string Model,
    [property: Id(1)] int Done,
    [property: Id(2)] int Total);
