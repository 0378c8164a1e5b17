using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class CheckInTests
{
    private static readonly DateTimeOffset Monday0600 = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static UserState Scheduled(string time = "07:00", string zone = "UTC", DateTimeOffset? at = null) =>
        Given.Registered().Then(ReflectionDecisions.ScheduleCheckIn(Given.Registered(), time, zone, at ?? Monday0600) ?? throw new InvalidOperationException());

    [Fact]
    public void Nothing_is_due_before_the_time_of_day_and_the_day_is_due_once_after_it()
    {
        var state = Scheduled();

        Assert.Null(ReflectionDecisions.DueCheckIn(state, Monday0600.AddMinutes(59)));
        var due = ReflectionDecisions.DueCheckIn(state, Monday0600.AddHours(1).AddSeconds(3));

        Assert.NotNull(due);
        Assert.Equal(new DateOnly(2026, 11, 23), due.LocalDate);
        Assert.Equal(Monday0600.AddHours(1), due.DueAt);
        Assert.Equal(0, due.MissedDays);
        Assert.Null(ReflectionDecisions.DueCheckIn(state.Then(due), Monday0600.AddHours(5)));
    }

    [Fact]
    public void Days_missed_while_nothing_ran_fall_due_as_one_check_in_for_the_newest_day()
    {
        var state = Scheduled();

        var due = ReflectionDecisions.DueCheckIn(state, Monday0600.AddDays(3).AddHours(2));

        Assert.NotNull(due);
        Assert.Equal(new DateOnly(2026, 11, 26), due.LocalDate);
        Assert.Equal(3, due.MissedDays);
        Assert.Null(ReflectionDecisions.DueCheckIn(state.Then(due), Monday0600.AddDays(3).AddHours(3)));
    }

    [Fact]
    public void A_time_already_past_when_scheduled_is_not_due_until_the_next_day()
    {
        var state = Scheduled("05:00");

        Assert.Null(ReflectionDecisions.DueCheckIn(state, Monday0600.AddHours(12)));
        Assert.Equal(new DateOnly(2026, 11, 24), ReflectionDecisions.DueCheckIn(state, Monday0600.AddDays(1))?.LocalDate);
    }

    [Fact]
    public void The_local_date_and_time_follow_the_schedules_time_zone()
    {
        // 07:00 in Tokyo (UTC+9) is 22:00 UTC the day before.
        var state = Scheduled("07:00", "Asia/Tokyo");

        var due = ReflectionDecisions.DueCheckIn(state, new DateTimeOffset(2026, 11, 23, 22, 1, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 24), due?.LocalDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.Zero), due?.DueAt);
    }

    [Fact]
    public void A_time_skipped_by_the_spring_daylight_saving_jump_falls_due_just_after_the_jump()
    {
        var zone = CheckInTimes.FindZone("America/New_York");

        // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT; 02:30 does not exist and becomes 03:30 EDT.
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), CheckInTimes.DueAt(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), zone));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 6, 30, 0, TimeSpan.Zero), CheckInTimes.DueAt(new DateOnly(2026, 3, 9), new TimeOnly(2, 30), zone));
    }

    [Fact]
    public void A_time_that_happens_twice_when_clocks_fall_back_falls_due_the_first_time()
    {
        var zone = CheckInTimes.FindZone("Europe/London");

        // 2026-10-25: 01:30 happens in BST (00:30 UTC), then again in GMT (01:30 UTC).
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), CheckInTimes.DueAt(new DateOnly(2026, 10, 25), new TimeOnly(1, 30), zone));
    }

    [Fact]
    public void The_next_due_time_stays_at_the_local_time_across_a_daylight_saving_change()
    {
        var schedule = new CheckInSchedule("07:00", "Europe/Berlin", Monday0600);

        var (date, dueAt) = CheckInTimes.NextAfter(schedule, new DateTimeOffset(2026, 10, 24, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 10, 25), date);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 6, 0, 0, TimeSpan.Zero), dueAt); // CET, UTC+1, after the change
    }

    [Theory]
    [InlineData("7:00", "UTC", "timeOfDay")]
    [InlineData("24:00", "UTC", "timeOfDay")]
    [InlineData("07:00", "Mars/Olympus_Mons", "timeZone")]
    [InlineData("07:00", "", "timeZone")]
    public void A_bad_time_or_unknown_time_zone_is_refused_saying_which(string time, string zone, string field)
    {
        var refused = Assert.Throws<DomainException>(() => ReflectionDecisions.ScheduleCheckIn(Given.Registered(), time, zone, Monday0600));

        Assert.Equal(DomainErrorKind.Invalid, refused.Kind);
        Assert.Contains($"'{field}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_schedule_again_decides_nothing_and_a_new_time_zone_decides_a_new_schedule()
    {
        var state = Scheduled();

        Assert.Null(ReflectionDecisions.ScheduleCheckIn(state, "07:00", "UTC", Monday0600.AddHours(1)));
        Assert.Equal(new CheckInScheduled("07:00", "Asia/Tokyo", Monday0600), ReflectionDecisions.ScheduleCheckIn(state, "07:00", "Asia/Tokyo", Monday0600));
    }

    [Fact]
    public void A_cancelled_check_in_falls_due_no_more_and_cancelling_again_decides_nothing()
    {
        var cancelled = Scheduled().Then(new CheckInCancelled(Monday0600));

        Assert.Null(ReflectionDecisions.DueCheckIn(cancelled, Monday0600.AddDays(2)));
        Assert.Null(ReflectionDecisions.CancelCheckIn(cancelled, Monday0600));
    }
}
