using System.Collections.Immutable;
using Companion.Domain.State;

namespace Companion.Domain.Projections;

/// <summary>
/// How each mood moved over a look-back. A mood's share is its count over the entries that named
/// any mood in a period; the trend compares the mean share of the later half of those periods with
/// the earlier half, so a busy month does not look like a change of heart.
/// </summary>
public static class MoodTrends
{
    /// <summary>Every mood named in <paramref name="entries"/>, most often first, with its counts per period and direction.</summary>
    public static ImmutableArray<MoodTrend> Of(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> periods, IReadOnlyList<JournalEntry> entries)
    {
        var perPeriod = periods
            .Select(p => entries.Where(e => e.Mood is not null && e.WrittenAt >= p.Start && e.WrittenAt < p.End).ToList())
            .ToList();
        return
        [
            .. entries.Where(e => e.Mood is not null).GroupBy(e => e.Mood ?? "")
                .Select(g => new MoodTrend(g.Key, g.Count(), [.. perPeriod.Select(p => p.Count(e => e.Mood == g.Key))], Direction(g.Key, perPeriod)))
                .OrderByDescending(t => t.Total).ThenBy(t => t.Mood, StringComparer.Ordinal),
        ];
    }

    private static MoodDirection Direction(string mood, List<List<JournalEntry>> perPeriod)
    {
        var shares = perPeriod.Where(p => p.Count > 0).Select(p => (double)p.Count(e => e.Mood == mood) / p.Count).ToList();
        if (shares.Count < 2)
        {
            return MoodDirection.Steady;
        }

        var half = shares.Count / 2;
        var change = shares.Skip(shares.Count - half).Average() - shares.Take(half).Average();
        return change >= LookbackProjection.TrendThreshold ? MoodDirection.Rising
            : change <= -LookbackProjection.TrendThreshold ? MoodDirection.Falling
            : MoodDirection.Steady;
    }
}
