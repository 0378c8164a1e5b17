using System.Collections.Immutable;

namespace Companion.Domain.State;

/// <summary>
/// Everything derived from one user's log: who they are, their companions, their journal.
/// Immutable; <see cref="UserStateApply.Apply"/> makes the next state from an event.
/// Sorted collections, ordered by <see cref="StateKeyComparer"/>, keep the state JSON (and so the
/// state hash) independent of the process.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.user-state")]
public sealed record UserState(
    [property: Id(0)] string? UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset? RegisteredAt,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset? LastEventAt,
    [property: Id(5)] ImmutableSortedDictionary<string, CompanionState> Companions,
    [property: Id(6)] ImmutableList<JournalEntry> Journal,
    [property: Id(7)] RequestIndex Requests,
    [property: Id(8)] DateTimeOffset? TokensValidFrom,
    [property: Id(9)] CheckInSchedule? CheckIn = null,
    [property: Id(10)] DateOnly? LastCheckInDue = null,
    [property: Id(11)] bool RhythmEnabled = false)
{
    /// <summary>
    /// The schema of this state as it is stored in snapshots. Bump it whenever the shape changes;
    /// snapshots of another schema are ignored and the log is replayed instead.
    /// 2: companions keep the resets in force and their last known model runtime; messages their producer.
    /// 3: the time before which access tokens were revoked.
    /// 4: client keys held scoped to what they identify (a message id within its companion and
    /// session), each with the fingerprint of what it asked for.
    /// 5: a persona holds the Character Card it came from.
    /// 6: journal entries hold their practice and its fields; a companion holds its lorebook and
    /// its pinned model runtime; the scheduled check-in and the last local date one fell due for;
    /// whether the rhythm view is on.
    /// 7: a companion holds its picture (by reference to the event that holds the bytes);
    /// memories hold when their fact held in the world (validFrom, validTo) and which memory
    /// they superseded or were superseded by.
    /// 8: the same shape; log snapshots hold it in binary (Orleans' serialization, not JSON) and its
    /// sorted dictionaries are ordered by <see cref="StateKeyComparer"/> (the same order, without the
    /// process's culture). The state's JSON and hash are unchanged.
    /// </summary>
    public const int SchemaVersion = 8;

    public static UserState Empty { get; } = new(
        null, "", null, 0, null,
        ImmutableSortedDictionary.Create<string, CompanionState>(StateKeyComparer.Instance),
        [],
        RequestIndex.Empty,
        null);

    public bool IsRegistered => UserId is not null;
}
