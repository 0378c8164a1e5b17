using System.Collections.Immutable;
using Companion.Domain.State;

namespace Companion.Domain.Projections;

/// <summary>How a look-back divides its range: calendar weeks (Monday to Monday, UTC) or calendar months (UTC).</summary>
public enum LookbackGrouping
{
    Week = 1,
    Month = 2,
}

/// <summary>
/// A look back over a user's journal in [<see cref="From"/>, <see cref="To"/>): each period's
/// entries by practice, moods, check-in days and connections; how each mood moved across the
/// periods; the reframes in the order they were written; and, per practice, the earliest entry in
/// the range beside the most recent one, in the user's own words. Derived from the journal alone.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.lookback")]
public sealed record Lookback(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] LookbackGrouping By,
    [property: Id(3)] int Entries,
    [property: Id(4)] ImmutableArray<LookbackPeriod> Periods,
    [property: Id(5)] ImmutableArray<MoodTrend> Moods,
    [property: Id(6)] ImmutableArray<Reframe> Reframes,
    [property: Id(7)] ImmutableArray<ThenAndNow> ThenAndNow);

/// <summary>One week or month of a look-back (cut to the range at its ends).</summary>
/// <param name="Start">Its first instant.</param>
/// <param name="End">The instant after its last.</param>
/// <param name="Entries">How many entries were written in it.</param>
/// <param name="ByPractice">Entries per practice (an entry without one counts under the prompt it answered, or <c>unprompted</c>).</param>
/// <param name="Moods">Entries per mood, for entries that gave one.</param>
/// <param name="CheckInDays">Days (UTC) with a secure-base check-in.</param>
/// <param name="Connections">Connections celebrated, by whom they were with (null: not named), most first.</param>
[Immutable, GenerateSerializer, Alias("companion.lookback-period")]
public sealed record LookbackPeriod(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] int Entries,
    [property: Id(3)] ImmutableSortedDictionary<string, int> ByPractice,
    [property: Id(4)] ImmutableSortedDictionary<string, int> Moods,
    [property: Id(5)] int CheckInDays,
    [property: Id(6)] ImmutableArray<ConnectionCount> Connections);

/// <summary>How many connections celebrated were with someone (null: the entry did not say whom).</summary>
[Immutable, GenerateSerializer, Alias("companion.connection-count")]
public sealed record ConnectionCount([property: Id(0)] string? With, [property: Id(1)] int Count);

/// <summary>Which way a mood went over the range: its share of the entries that named a mood, later periods against earlier ones.</summary>
public enum MoodDirection
{
    Steady = 1,
    Rising = 2,
    Falling = 3,
}

/// <summary>One mood across the look-back: its count in all and in each period, and which way it went.</summary>
[Immutable, GenerateSerializer, Alias("companion.mood-trend")]
public sealed record MoodTrend(
    [property: Id(0)] string Mood,
    [property: Id(1)] int Total,
    [property: Id(2)] ImmutableArray<int> PerPeriod,
    [property: Id(3)] MoodDirection Direction);

/// <summary>An old story reframed, as the user wrote it.</summary>
[Immutable, GenerateSerializer, Alias("companion.reframe")]
public sealed record Reframe(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset WrittenAt,
    [property: Id(2)] string? OldStory,
    [property: Id(3)] string? NewStory);

/// <summary>One practice's earliest entry in the range beside its most recent (null when there was only one).</summary>
[Immutable, GenerateSerializer, Alias("companion.then-and-now")]
public sealed record ThenAndNow(
    [property: Id(0)] string Practice,
    [property: Id(1)] int Entries,
    [property: Id(2)] JournalEntry Then,
    [property: Id(3)] JournalEntry? Now);
