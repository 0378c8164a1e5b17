using System.Collections.Immutable;

namespace Companion.Domain.Projections;

/// <summary>
/// How the person used their companions, period by period: figures only, no words, no scores.
/// Times are local to <see cref="TimeZone"/> (the check-in's time zone, or UTC without one).
/// </summary>
/// <param name="By"><c>week</c> (ISO weeks, from Monday) or <c>month</c>.</param>
/// <param name="TimeZone">The IANA time zone the days, weeks and late nights are counted in.</param>
/// <param name="Periods">Every period from the first companion use or journal entry to now, oldest first.</param>
/// <param name="LongestStretchAway">The longest time between two uses of any companion (or from the last use until now); null before any use.</param>
[Immutable, GenerateSerializer, Alias("companion.rhythm")]
public sealed record Rhythm(
    [property: Id(0)] string By,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] ImmutableArray<RhythmPeriod> Periods,
    [property: Id(3)] RhythmStretch? LongestStretchAway);

/// <summary>One week or month of the rhythm view.</summary>
/// <param name="Start">The period's first local date.</param>
/// <param name="Sessions">Sessions started with any companion.</param>
/// <param name="Messages">Messages recorded, the person's and the companions'.</param>
/// <param name="LateNightMessages">Messages recorded from 23:00 to 05:00 local time.</param>
/// <param name="LateNightShare">LateNightMessages / Messages (0 without messages).</param>
/// <param name="DaysJournalNamedSomeone">Local days with a journal entry that names a person: a celebrated connection's <c>with</c>, or the text by <see cref="NamesAPerson"/>.</param>
/// <param name="DaysOnlyCompanions">Local days with a companion session or message and no journal entry naming a person.</param>
[Immutable, GenerateSerializer, Alias("companion.rhythm-period")]
public sealed record RhythmPeriod(
    [property: Id(0)] DateOnly Start,
    [property: Id(1)] int Sessions,
    [property: Id(2)] int Messages,
    [property: Id(3)] int LateNightMessages,
    [property: Id(4)] double LateNightShare,
    [property: Id(5)] int DaysJournalNamedSomeone,
    [property: Id(6)] int DaysOnlyCompanions);

/// <summary>A stretch of time without companion use.</summary>
/// <param name="From">The last use before it.</param>
/// <param name="To">The next use, or now when there has been none since.</param>
/// <param name="Days">Its length in days (fractional).</param>
/// <param name="Ongoing">True when it lasts until now.</param>
[Immutable, GenerateSerializer, Alias("companion.rhythm-stretch")]
public sealed record RhythmStretch(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] double Days,
    [property: Id(3)] bool Ongoing);
