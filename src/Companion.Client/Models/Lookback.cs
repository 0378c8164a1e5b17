namespace Companion.Client;

/// <summary>How figures over time are grouped: by ISO week (from Monday) or by calendar month.</summary>
public enum Grouping
{
    /// <summary>ISO weeks, from Monday.</summary>
    Week = 1,

    /// <summary>Calendar months.</summary>
    Month = 2,
}

/// <summary>Which way a mood went over the periods looked back on.</summary>
public enum MoodDirection
{
    /// <summary>Neither more nor less often.</summary>
    Steady = 1,

    /// <summary>More often lately.</summary>
    Rising = 2,

    /// <summary>Less often lately.</summary>
    Falling = 3,
}

/// <summary>A look back over the journal, in the user's own words.</summary>
/// <param name="From">The start of the range looked back on.</param>
/// <param name="To">The end of the range (exclusive).</param>
/// <param name="By">How the periods are grouped.</param>
/// <param name="Entries">Entries in the range.</param>
/// <param name="Periods">Each period, oldest first.</param>
/// <param name="Moods">Each mood's count per period and its direction.</param>
/// <param name="Reframes">The old and new stories of reframes, in order.</param>
/// <param name="ThenAndNow">Per practice, the first and the latest entry in the range.</param>
public sealed record Lookback(
    DateTimeOffset From,
    DateTimeOffset To,
    Grouping By,
    int Entries,
    IReadOnlyList<LookbackPeriod> Periods,
    IReadOnlyList<MoodTrend> Moods,
    IReadOnlyList<Reframe> Reframes,
    IReadOnlyList<ThenAndNow> ThenAndNow);

/// <summary>One week or month of the look-back.</summary>
/// <param name="Start">Its start.</param>
/// <param name="End">Its end (exclusive).</param>
/// <param name="Entries">Entries written in it.</param>
/// <param name="ByPractice">Entries per practice.</param>
/// <param name="Moods">Entries per mood.</param>
/// <param name="CheckInDays">Days with a secure-base check-in.</param>
/// <param name="Connections">Celebrated connections, per person named.</param>
public sealed record LookbackPeriod(
    DateTimeOffset Start,
    DateTimeOffset End,
    int Entries,
    IReadOnlyDictionary<string, int> ByPractice,
    IReadOnlyDictionary<string, int> Moods,
    int CheckInDays,
    IReadOnlyList<ConnectionCount> Connections);

/// <summary>How many celebrated connections named one person.</summary>
/// <param name="With">The person, as written; null when unnamed.</param>
/// <param name="Count">How many.</param>
public sealed record ConnectionCount(string? With, int Count);

/// <summary>A mood over the periods.</summary>
/// <param name="Mood">The mood label.</param>
/// <param name="Total">Entries with it in the range.</param>
/// <param name="PerPeriod">Entries with it, one count per period.</param>
/// <param name="Direction">Which way it went.</param>
public sealed record MoodTrend(string Mood, int Total, IReadOnlyList<int> PerPeriod, MoodDirection Direction);

/// <summary>A reframe of an old story.</summary>
/// <param name="EntryId">The journal entry.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="OldStory">The old story, as written.</param>
/// <param name="NewStory">The new story, as written.</param>
public sealed record Reframe(string EntryId, DateTimeOffset WrittenAt, string? OldStory, string? NewStory);

/// <summary>A practice's first and latest entries in the range.</summary>
/// <param name="Practice">The practice.</param>
/// <param name="Entries">Its entries in the range.</param>
/// <param name="Then">The first.</param>
/// <param name="Now">The latest.</param>
public sealed record ThenAndNow(string Practice, int Entries, JournalEntry Then, JournalEntry Now);
