using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.State;

namespace Companion.Domain.Projections;

/// <summary>
/// Builds a <see cref="Lookback"/> from a journal: pure, so a look-back is rebuilt from the log
/// like any other derived view, and the same journal always looks back the same way.
/// </summary>
public static class LookbackProjection
{
    /// <summary>The practice of a daily secure-base check-in, whose days are counted.</summary>
    public const string CheckIn = "secure-base-check-in";

    /// <summary>The practice of a celebrated connection, whose companions are listed.</summary>
    public const string CelebrateConnection = "celebrate-connection";

    /// <summary>The practice of a reframed old story, whose stories are listed in order.</summary>
    public const string ReframeOldStory = "reframe-old-story";

    /// <summary>Where an entry with neither a practice nor a prompt is counted.</summary>
    public const string Unprompted = "unprompted";

    /// <summary>How much a mood's share must move, later periods against earlier, to be more than steady.</summary>
    public const double TrendThreshold = 0.1;

    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The look-back of <paramref name="journal"/> over [<paramref name="from"/>, <paramref name="to"/>), by week or month.</summary>
    /// <exception cref="DomainException">The range is reversed, out of bounds, or holds too many periods.</exception>
    public static Lookback Build(IEnumerable<JournalEntry> journal, DateTimeOffset from, DateTimeOffset to, LookbackGrouping by)
    {
        if (from > to)
        {
            throw DomainException.Invalid("'from' must not be after 'to'.");
        }

        if (from < Earliest || to > Latest)
        {
            throw DomainException.Invalid($"'from' and 'to' must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        }

        var entries = journal.Where(e => e.WrittenAt >= from && e.WrittenAt < to)
            .OrderBy(e => e.WrittenAt).ThenBy(e => e.Version).ToImmutableArray();
        var bounds = LookbackPeriods.Of(from, to, by);
        var periods = bounds.Select(b => Period(b.Start, b.End, entries)).ToImmutableArray();
        return new Lookback(from, to, by, entries.Length, periods, MoodTrends.Of(bounds, entries), Reframes(entries), ThenAndNow(entries));
    }

    /// <summary>The practice an entry is counted under: its practice, else the prompt it answered, else <see cref="Unprompted"/>.</summary>
    public static string PracticeOf(JournalEntry entry) => entry.Practice ?? entry.PromptKind ?? Unprompted;

    private static LookbackPeriod Period(DateTimeOffset start, DateTimeOffset end, ImmutableArray<JournalEntry> all)
    {
        var entries = all.Where(e => e.WrittenAt >= start && e.WrittenAt < end).ToList();
        var connections = entries.Where(e => PracticeOf(e) == CelebrateConnection)
            .GroupBy(e => e.Fields?.With)
            .Select(g => new ConnectionCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.With, StringComparer.Ordinal)
            .ToImmutableArray();
        return new LookbackPeriod(
            start,
            end,
            entries.Count,
            entries.GroupBy(PracticeOf).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            entries.Where(e => e.Mood is not null).GroupBy(e => e.Mood ?? "").ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            entries.Where(e => PracticeOf(e) == CheckIn).Select(e => e.WrittenAt.UtcDateTime.Date).Distinct().Count(),
            connections);
    }

    private static ImmutableArray<Reframe> Reframes(ImmutableArray<JournalEntry> entries) =>
    [
        .. entries
            .Where(e => e.Practice == ReframeOldStory && (e.Fields?.OldStory is not null || e.Fields?.NewStory is not null))
            .Select(e => new Reframe(e.Id, e.WrittenAt, e.Fields?.OldStory, e.Fields?.NewStory)),
    ];

    private static ImmutableArray<ThenAndNow> ThenAndNow(ImmutableArray<JournalEntry> entries) =>
    [
        .. entries.GroupBy(PracticeOf)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ThenAndNow(g.Key, g.Count(), g.First(), g.Count() > 1 ? g.Last() : null)),
    ];
}
