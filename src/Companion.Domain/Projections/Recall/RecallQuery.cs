using System.Collections.Immutable;

namespace Companion.Domain.Projections.Recall;

/// <summary>A search over one user's memories, whole message history and journal.</summary>
/// <param name="Text">What to look for, in the user's words.</param>
/// <param name="Kinds">Which kinds to search; all when empty.</param>
/// <param name="CompanionId">Only this companion's memories and messages (journal entries belong to no companion and are left out).</param>
/// <param name="From">Only what was recorded at or after this time.</param>
/// <param name="To">Only what was recorded before this time.</param>
/// <param name="Limit">How many hits at most.</param>
[Immutable, GenerateSerializer, Alias("companion.recall-query")]
public sealed record RecallQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] ImmutableArray<RecallKind> Kinds,
    [property: Id(2)] string? CompanionId,
    [property: Id(3)] DateTimeOffset? From,
    [property: Id(4)] DateTimeOffset? To,
    [property: Id(5)] int Limit)
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxTextLength = 1_000;

    /// <summary>The most hits one search answers.</summary>
    public const int MaxLimit = 100;

    /// <summary>Hits answered when the caller names no limit.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Whether <paramref name="kind"/> is searched.</summary>
    public bool Includes(RecallKind kind) => Kinds.IsDefaultOrEmpty || Kinds.Contains(kind);
}
