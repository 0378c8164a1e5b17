using Companion.Domain.Events;
using Companion.Domain.Projections;

namespace Companion.Domain.Tests;

public sealed class RhythmTests
{
    // Monday 2026-11-23.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static MessageRecorded Message(DateTimeOffset at) => new("c_sol", "s_1", "msg", MessageRole.User, "hi", null, null, at);

    private static JournalEntryWritten Journal(DateTimeOffset at, string text) => new("j", null, text, null, null, at);

    [Fact]
    public void Sessions_messages_and_late_night_share_are_counted_per_iso_week()
    {
        var rhythm = new RhythmProjection(TimeZoneInfo.Utc, RhythmPeriodKind.Week);
        rhythm.Add(new SessionStarted("c_sol", "s_1", null, Monday.AddHours(20)));
        rhythm.Add(Message(Monday.AddHours(20)));
        rhythm.Add(Message(Monday.AddHours(23.5)));
        rhythm.Add(Message(Monday.AddHours(28))); // Tuesday 04:00
        rhythm.Add(Message(Monday.AddDays(6).AddHours(12))); // Sunday noon, same week
        rhythm.Add(new SessionStarted("c_sol", "s_2", null, Monday.AddDays(7).AddHours(9)));

        var view = rhythm.Build(Monday.AddDays(8));

        Assert.Equal("week", view.By);
        Assert.Equal("UTC", view.TimeZone);
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)], view.Periods.Select(p => p.Start));
        var first = view.Periods[0];
        Assert.Equal((1, 4, 2, 0.5), (first.Sessions, first.Messages, first.LateNightMessages, first.LateNightShare));
        Assert.Equal((1, 0, 0.0), (view.Periods[1].Sessions, view.Periods[1].Messages, view.Periods[1].LateNightShare));
    }

    [Fact]
    public void Late_night_is_counted_in_the_given_time_zone()
    {
        var rhythm = new RhythmProjection(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), RhythmPeriodKind.Week);
        rhythm.Add(Message(Monday.AddHours(15))); // 00:00 in Tokyo
        rhythm.Add(Message(Monday.AddHours(3))); // 12:00 in Tokyo

        var week = Assert.Single(rhythm.Build(Monday.AddDays(1)).Periods);

        Assert.Equal(1, week.LateNightMessages);
    }

    [Fact]
    public void The_longest_stretch_away_is_between_uses_or_from_the_last_use_until_now()
    {
        var rhythm = new RhythmProjection(TimeZoneInfo.Utc, RhythmPeriodKind.Month);
        rhythm.Add(Message(Monday));
        rhythm.Add(Message(Monday.AddDays(5)));
        rhythm.Add(Message(Monday.AddDays(6)));

        var between = rhythm.Build(Monday.AddDays(7)).LongestStretchAway;
        var ongoing = rhythm.Build(Monday.AddDays(20)).LongestStretchAway;

        Assert.Equal(new RhythmStretch(Monday, Monday.AddDays(5), 5, Ongoing: false), between);
        Assert.Equal(new RhythmStretch(Monday.AddDays(6), Monday.AddDays(20), 14, Ongoing: true), ongoing);
    }

    [Fact]
    public void Days_with_a_journal_entry_naming_someone_are_told_apart_from_days_with_only_companions()
    {
        var rhythm = new RhythmProjection(TimeZoneInfo.Utc, RhythmPeriodKind.Week);
        rhythm.Add(Message(Monday.AddHours(9)));
        rhythm.Add(Journal(Monday.AddHours(21), "Walked to the lake with Sam."));
        rhythm.Add(Message(Monday.AddDays(1).AddHours(9)));
        rhythm.Add(Journal(Monday.AddDays(1).AddHours(21), "Tired. I stayed in all day."));
        rhythm.Add(Message(Monday.AddDays(2).AddHours(9)));

        var week = Assert.Single(rhythm.Build(Monday.AddDays(3)).Periods);

        Assert.Equal(1, week.DaysJournalNamedSomeone);
        Assert.Equal(2, week.DaysOnlyCompanions);
    }

    [Fact]
    public void Nothing_used_yet_gives_no_periods_and_no_stretch()
    {
        var view = new RhythmProjection(TimeZoneInfo.Utc, RhythmPeriodKind.Week).Build(Monday);

        Assert.Empty(view.Periods);
        Assert.Null(view.LongestStretchAway);
    }

    [Theory]
    [InlineData("Called Mum, then met Sam for tea.", true)]
    [InlineData("dinner with Ada’s family", true)]
    [InlineData("I walked. Rain again! Then home.", false)]
    [InlineData("On Monday I'm going out, I think.", false)]
    [InlineData("Felt OK and NASA was on.", false)]
    [InlineData("Quiet day.\nSlept early.", false)]
    public void A_journal_entry_names_a_person_by_a_capitalised_word_that_is_not_grammar(string text, bool names)
    {
        Assert.Equal(names, NamesAPerson.In(text));
    }

    [Fact]
    public void A_celebrated_connection_names_its_person_even_when_the_text_names_nobody()
    {
        var rhythm = new RhythmProjection(TimeZoneInfo.Utc, RhythmPeriodKind.Week);
        rhythm.Add(new JournalEntryWritten("j_1", null, "laughed on the phone for an hour.", "grateful", null, Monday.AddHours(9),
            "celebrate-connection", new PracticeFields(With: "my brother")));
        rhythm.Add(Journal(Monday.AddDays(1).AddHours(9), "rain again."));

        var week = Assert.Single(rhythm.Build(Monday.AddDays(2)).Periods);

        Assert.Equal(1, week.DaysJournalNamedSomeone);
    }

    [Fact]
    public void An_imported_message_counts_in_the_week_it_was_said_not_the_week_it_came_in()
    {
        var rhythm = new RhythmProjection(TimeZoneInfo.Utc, RhythmPeriodKind.Week);
        rhythm.Add(new MessageRecorded("c_sol", "s_1", "msg", MessageRole.User, "hi", null, null, Monday.AddDays(7).AddHours(9), SentAt: Monday.AddHours(9)));

        var view = rhythm.Build(Monday.AddDays(8));

        Assert.Equal(1, view.Periods[0].Messages);
        Assert.Equal(new DateOnly(2026, 11, 23), view.Periods[0].Start);
    }
}
