using Companion.Domain.Commands;
using Companion.Domain.Projections;

namespace Companion.Domain.Tests;

public sealed class LookbackProjectionTests
{
    private static readonly Domain.State.UserState Year = YearOfJournaling.Write();

    private static Lookback ByMonth() =>
        LookbackProjection.Build(Year.Journal, YearOfJournaling.Start, YearOfJournaling.Start.AddYears(1), LookbackGrouping.Month);

    [Fact]
    public void A_year_by_month_has_twelve_periods_with_entries_by_practice()
    {
        var lookback = ByMonth();

        Assert.Equal(64, lookback.Entries);
        Assert.Equal(12, lookback.Periods.Length);
        Assert.Equal(YearOfJournaling.Start.AddMonths(2), lookback.Periods[2].Start);
        Assert.Equal(YearOfJournaling.Start.AddMonths(3), lookback.Periods[2].End);
        Assert.Equal(
            new Dictionary<string, int> { ["celebrate-connection"] = 1, ["corrective-experience"] = 1, ["reframe-old-story"] = 1, ["secure-base-check-in"] = 4 },
            lookback.Periods[2].ByPractice);
        Assert.Equal(
            new Dictionary<string, int> { ["celebrate-connection"] = 2, ["reframe-old-story"] = 1, ["secure-base-check-in"] = 4, [LookbackProjection.Unprompted] = 1 },
            lookback.Periods[5].ByPractice);
    }

    [Fact]
    public void Check_in_days_and_connections_are_counted_per_month()
    {
        var lookback = ByMonth();

        Assert.Equal([2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4], lookback.Periods.Select(p => p.CheckInDays));
        Assert.Equal([new ConnectionCount("Ada", 1)], lookback.Periods[0].Connections.ToArray());
        Assert.Equal([new ConnectionCount(null, 1), new ConnectionCount("Sam", 1)], lookback.Periods[5].Connections.ToArray());
    }

    [Fact]
    public void Mood_counts_add_up_and_the_trend_follows_how_the_year_was_written()
    {
        var lookback = ByMonth();
        var moods = lookback.Moods.ToDictionary(m => m.Mood);

        Assert.Equal((18, 18, 12, 12, 1), (moods["anxious"].Total, moods["calm"].Total, moods["hopeful"].Total, moods["grateful"].Total, moods["content"].Total));
        Assert.Equal([2, 3, 4, 2, 3, 4, 0, 0, 0, 0, 0, 0], moods["anxious"].PerPeriod.ToArray());
        Assert.Equal(new Dictionary<string, int> { ["anxious"] = 4, ["grateful"] = 1, ["hopeful"] = 1 }, lookback.Periods[2].Moods);
        Assert.Equal(MoodDirection.Falling, moods["anxious"].Direction);
        Assert.Equal(MoodDirection.Rising, moods["calm"].Direction);
        Assert.Equal(MoodDirection.Steady, moods["hopeful"].Direction);
        Assert.Equal(MoodDirection.Steady, moods["grateful"].Direction);
    }

    [Fact]
    public void Reframes_are_listed_in_the_order_they_were_written()
    {
        var reframes = ByMonth().Reframes;

        Assert.Equal(Enumerable.Range(0, 12).Select(m => ($"old {m}", $"new {m}")), reframes.Select(r => (r.OldStory ?? "", r.NewStory ?? "")));
        Assert.True(reframes.Zip(reframes.Skip(1)).All(pair => pair.First.WrittenAt < pair.Second.WrittenAt));
    }

    [Fact]
    public void Then_and_now_sets_each_practice_s_earliest_entry_beside_its_latest_in_the_user_s_words()
    {
        var thenAndNow = ByMonth().ThenAndNow.ToDictionary(t => t.Practice);

        Assert.Equal(("Reframed in month 0", "Reframed in month 11", 12),
            (thenAndNow["reframe-old-story"].Then.Text, thenAndNow["reframe-old-story"].Now?.Text, thenAndNow["reframe-old-story"].Entries));
        Assert.Equal(("old 0", "new 11"), (thenAndNow["reframe-old-story"].Then.Fields?.OldStory, thenAndNow["reframe-old-story"].Now?.Fields?.NewStory));
        Assert.Equal(("Check-in 0/0", "Check-in 11/3"), (thenAndNow["secure-base-check-in"].Then.Text, thenAndNow["secure-base-check-in"].Now?.Text));
        Assert.Equal(("asked for help 2", "asked for help 9"),
            (thenAndNow["corrective-experience"].Then.Fields?.WhatHappened, thenAndNow["corrective-experience"].Now?.Fields?.WhatHappened));
        Assert.Equal(("Ada", "Sam", 13), (thenAndNow["celebrate-connection"].Then.Fields?.With, thenAndNow["celebrate-connection"].Now?.Fields?.With, thenAndNow["celebrate-connection"].Entries));
        Assert.Null(thenAndNow[LookbackProjection.Unprompted].Now);
    }

    [Fact]
    public void Then_and_now_is_taken_within_the_range_only()
    {
        var autumn = LookbackProjection.Build(Year.Journal, YearOfJournaling.Start.AddMonths(9), YearOfJournaling.Start.AddMonths(11), LookbackGrouping.Month);

        Assert.Equal(("Reframed in month 9", "Reframed in month 10"),
            (autumn.ThenAndNow.Single(t => t.Practice == "reframe-old-story").Then.Text, autumn.ThenAndNow.Single(t => t.Practice == "reframe-old-story").Now?.Text));
        Assert.Equal(2, autumn.Periods.Length);
    }

    [Fact]
    public void By_week_the_year_falls_into_calendar_weeks_cut_to_the_range()
    {
        var lookback = LookbackProjection.Build(Year.Journal, YearOfJournaling.Start, YearOfJournaling.Start.AddYears(1), LookbackGrouping.Week);

        Assert.Equal(53, lookback.Periods.Length);
        Assert.Equal(YearOfJournaling.Start, lookback.Periods[0].Start);
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), lookback.Periods[0].End);
        Assert.Equal(64, lookback.Periods.Sum(p => p.Entries));
        Assert.Equal(36, lookback.Periods.Sum(p => p.CheckInDays));
    }

    [Fact]
    public void A_reversed_or_too_long_range_is_refused_with_what_to_fix()
    {
        var reversed = Assert.Throws<DomainException>(() =>
            LookbackProjection.Build(Year.Journal, YearOfJournaling.Start, YearOfJournaling.Start.AddDays(-1), LookbackGrouping.Month));
        var tooLong = Assert.Throws<DomainException>(() =>
            LookbackProjection.Build(Year.Journal, YearOfJournaling.Start.AddYears(-30), YearOfJournaling.Start, LookbackGrouping.Week));

        Assert.Contains("'from' must not be after 'to'", reversed.Message);
        Assert.Contains("by=month", tooLong.Message);
    }
}
