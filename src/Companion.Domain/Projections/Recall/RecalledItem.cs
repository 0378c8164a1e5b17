using Companion.Domain.Events;

namespace Companion.Domain.Projections.Recall;

/// <summary>
/// A memory or past message the context brings back because it is relevant to the query (the
/// newest user message unless one is given), with where it comes from.
/// </summary>
/// <param name="Kind">Memory or message.</param>
/// <param name="Id">The memory or message id.</param>
/// <param name="Text">Its words.</param>
/// <param name="Version">The version of the event that recorded it.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="SessionId">The session of a message.</param>
/// <param name="Role">Who spoke a message.</param>
/// <param name="MatchedBy">Keyword, semantic, or both.</param>
/// <param name="Score">Its fused score.</param>
[Immutable, GenerateSerializer, Alias("companion.recalled-item")]
public sealed record RecalledItem(
    [property: Id(0)] RecallKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Text,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? SessionId,
    [property: Id(6)] MessageRole? Role,
    [property: Id(7)] RecallMatch MatchedBy,
    [property: Id(8)] double Score)
{
    /// <summary>Always true: marks the item as brought back by relevance, not by pinning, salience or recency.</summary>
    public bool Recalled => true;

    /// <summary>The item a search hit names.</summary>
    public static RecalledItem From(RecallHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.Kind, hit.Id, hit.Text, hit.Version, hit.At, hit.SessionId, hit.Role, hit.MatchedBy, hit.Score);
    }
}
