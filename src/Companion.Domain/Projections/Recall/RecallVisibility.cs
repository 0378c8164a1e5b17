using Companion.Domain.State;

namespace Companion.Domain.Projections.Recall;

/// <summary>
/// What recall may show, by the same rules as the memory context
/// (<see cref="MemoryContextProjection"/>): a forgotten, superseded or ended memory never, and nothing a companion
/// recorded before a reset in force. Decided on the current state at the moment of the search,
/// so a search never shows what the context would hide, even while the index is behind the log.
/// </summary>
public static class RecallVisibility
{
    /// <summary>Whether an item recorded at <paramref name="version"/> may be shown.</summary>
    public static bool IsVisible(UserState state, RecallKind kind, string id, string? companionId, long version)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (kind == RecallKind.Journal)
        {
            // Journal entries are the user's own and are neither reset nor forgotten.
            return true;
        }

        if (companionId is null || !state.Companions.TryGetValue(companionId, out var companion)
            || version <= MemoryContextProjection.HiddenBefore(companion))
        {
            return false;
        }

        // A fact that ended by the state's latest event has ended now too (time only moves on): this
        // hides a fact ended a moment ago while the index is still behind. The index hides the
        // rest at the time of the search (RecallIndex.Search).
        return kind != RecallKind.Memory
            || (companion.Memories.TryGetValue(id, out var memory) && !memory.IsForgotten && !memory.IsSuperseded
                && !(state.LastEventAt is { } latest && memory.EndedBy(latest)));
    }
}
