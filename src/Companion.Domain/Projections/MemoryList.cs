using System.Collections.Immutable;
using Companion.Domain.State;

namespace Companion.Domain.Projections;

/// <summary>
/// A companion's memories as of a log version, oldest first. Forgotten memories are left out
/// (forgetting hides a memory from its companion; the state and the log keep it).
/// </summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Version">The log version the list is of (the head, or the version asked for).</param>
/// <param name="ValidAt">The world time the list was filtered by, if one was given.</param>
/// <param name="Memories">The memories, oldest first.</param>
[Immutable, GenerateSerializer, Alias("companion.memory-list")]
public sealed record MemoryList(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset? ValidAt,
    [property: Id(3)] ImmutableArray<MemoryState> Memories)
{
    /// <summary>
    /// Without <paramref name="validAt"/>: the current facts at <paramref name="now"/> (see
    /// <see cref="MemoryState.IsCurrentAt"/>), unless <paramref name="includeHistory"/>, which adds
    /// the superseded and ended ones. With it: the memories whose fact held at that world time,
    /// superseded or ended since or not (a superseded fact held until its successor began, an
    /// ended one until its end).
    /// </summary>
    public static MemoryList Of(CompanionState companion, long version, DateTimeOffset? validAt, bool includeHistory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(companion);
        var memories = companion.Memories.Values
            .Where(m => !m.IsForgotten)
            .Where(m => validAt is { } time ? m.HeldAt(time) : includeHistory || m.IsCurrentAt(now))
            .OrderBy(m => m.Version)
            .ToImmutableArray();
        return new MemoryList(companion.Id, version, validAt, memories);
    }
}
