using Companion.Domain.Events;

namespace Companion.Domain.State;

/// <summary>
/// How memories change a companion: a recorded one is kept and the memory it supersedes marked as
/// history; an ended one keeps everything but the end of its validity.
/// </summary>
internal static class MemoryApply
{
    /// <summary>
    /// Adds the memory; when it supersedes another, that one is marked with its successor and its
    /// validity ends where the successor's begins (its valid-from, else the time it was recorded),
    /// or earlier when it already ended earlier. Nothing is removed.
    /// </summary>
    public static CompanionState Recorded(CompanionState c, MemoryRecorded e, long version)
    {
        var memories = c.Memories.SetItem(e.MemoryId, new MemoryState(
            e.MemoryId, e.Text, e.Kind, e.Salience, e.Pinned, e.OccurredAt, null, version, e.ValidFrom, e.ValidTo, e.Supersedes));
        if (e.Supersedes is { } replaced)
        {
            var old = c.Memories.TryGetValue(replaced, out var found)
                ? found
                : throw new InvalidOperationException($"Memory '{e.MemoryId}' supersedes memory '{replaced}', which the log never recorded.");
            var end = e.ValidFrom ?? e.OccurredAt;
            memories = memories.SetItem(replaced, old with
            {
                SupersededBy = e.MemoryId,
                ValidTo = old.ValidTo is { } earlier && earlier < end ? earlier : end,
            });
        }

        return c with { Memories = memories };
    }

    /// <summary>The memory's validity ends when the event says (else when it was recorded); nothing else changes, nothing is removed.</summary>
    public static MemoryState Ended(MemoryState memory, MemoryEnded e) => memory with { ValidTo = e.EndsAt };
}
