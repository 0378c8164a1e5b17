using System.Collections.Immutable;

namespace Companion.Silo.Operators;

/// <summary>
/// One user's log as an operator may see it: positions, hashes, times and counts. It has no field
/// that could hold what the person or a companion wrote (no messages, memories, persona, journal
/// or names), so nothing can leak through it by accident.
/// </summary>
public sealed record UserSummary(
    string UserId,
    long StreamVersion,
    string HeadHash,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? LastActivityAt,
    UserSummary.SnapshotFigures? Snapshot,
    int Companions,
    long Sessions,
    long Messages,
    int Memories,
    int JournalEntries,
    ImmutableSortedDictionary<string, long> EventsByType,
    UserSummary.ActivationFigures Activation)
{
    public sealed record SnapshotFigures(long Version, DateTimeOffset CreatedAt, double AgeSeconds);

    public sealed record ActivationFigures(long SnapshotVersion, long ReplayedEvents, double LoadMilliseconds, long SnapshotsWritten);
}
