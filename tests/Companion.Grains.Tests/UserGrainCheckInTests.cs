using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Grains;

namespace Companion.Grains.Tests;

/// <summary>Scheduled check-ins: due once per local date, missed days as one, a time-zone change re-arms, a restart delivers.</summary>
public sealed class UserGrainCheckInTests : IAsyncLifetime
{
    private readonly CheckInSilo _silo = new();

    public Task InitializeAsync() => _silo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_check_in_falls_due_once_however_often_the_reminder_ticks()
    {
        var (userId, user) = await NewUserAsync();
        await user.ScheduleCheckIn("07:00", "UTC");

        await TickAsync(user);
        _silo.Clock.Advance(TimeSpan.FromHours(1.5));
        await TickAsync(user);
        await TickAsync(user);

        var due = Assert.Single(await _silo.EventsAsync<CheckInDue>(userId));
        Assert.Equal(new CheckInDue(new DateOnly(2026, 11, 23), "UTC", new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), 0, _silo.Clock.GetUtcNow()), due);
        Assert.Equal(new DateOnly(2026, 11, 24), (await user.GetCheckIn())?.NextDueDate);
    }

    [Fact]
    public async Task Days_missed_fall_due_as_one_check_in_for_the_newest_day()
    {
        var (userId, user) = await NewUserAsync();
        await user.ScheduleCheckIn("07:00", "UTC");

        _silo.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(2));
        await TickAsync(user);
        await TickAsync(user);

        var due = Assert.Single(await _silo.EventsAsync<CheckInDue>(userId));
        Assert.Equal((new DateOnly(2026, 11, 26), 3), (due.LocalDate, due.MissedDays));
    }

    [Fact]
    public async Task A_time_zone_change_re_arms_the_reminder_for_the_new_local_time()
    {
        var (userId, user) = await NewUserAsync();
        await user.ScheduleCheckIn("07:00", "UTC");
        var before = await ReminderDueInAsync(user);

        await user.ScheduleCheckIn("07:00", "Asia/Tokyo");

        // 07:00 in Tokyo is 22:00 UTC: due 16 hours from 06:00 UTC, not 1.
        var view = await user.GetCheckIn();
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.Zero), view?.NextDueAt);
        Assert.InRange(before, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
        Assert.InRange(await ReminderDueInAsync(user), TimeSpan.FromHours(15.9), TimeSpan.FromHours(16));

        _silo.Clock.Advance(TimeSpan.FromHours(2));
        await TickAsync(user);
        Assert.Empty(await _silo.EventsAsync<CheckInDue>(userId));
        _silo.Clock.Advance(TimeSpan.FromHours(14.5));
        await TickAsync(user);
        Assert.Equal(new DateOnly(2026, 11, 24), Assert.Single(await _silo.EventsAsync<CheckInDue>(userId)).LocalDate);
    }

    [Fact]
    public async Task Cancelling_and_erasing_unregister_the_reminder()
    {
        var (_, cancelled) = await NewUserAsync();
        await cancelled.ScheduleCheckIn("07:00", "UTC");
        var (_, erased) = await NewUserAsync();
        await erased.ScheduleCheckIn("08:00", "Europe/Berlin");

        await cancelled.CancelCheckIn();
        var again = await cancelled.CancelCheckIn();
        await erased.Erase();

        Assert.True(again.Duplicate);
        Assert.Null(await cancelled.GetCheckIn());
        Assert.Null(await _silo.Reminders.ReadRow(cancelled.GetGrainId(), UserGrain.CheckInReminderName));
        Assert.Null(await _silo.Reminders.ReadRow(erased.GetGrainId(), UserGrain.CheckInReminderName));
    }

    [Fact]
    public async Task A_bad_time_or_time_zone_is_refused_and_nothing_is_armed()
    {
        var (_, user) = await NewUserAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => user.ScheduleCheckIn("07:00", "Nowhere/Atlantis"));

        Assert.Contains("IANA", refused.Message, StringComparison.Ordinal);
        Assert.Null(await _silo.Reminders.ReadRow(user.GetGrainId(), UserGrain.CheckInReminderName));
    }

    private async Task<(string UserId, IUserGrain User)> NewUserAsync()
    {
        var userId = Ids.New("u");
        var user = _silo.Grains.GetGrain<IUserGrain>(userId);
        await user.Register("Robin");
        return (userId, user);
    }

    /// <summary>Delivers a reminder tick as the reminder service does.</summary>
    private static Task TickAsync(IUserGrain user) =>
        user.AsReference<IRemindable>().ReceiveReminder(UserGrain.CheckInReminderName, new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(5), DateTime.UtcNow));

    /// <summary>How far ahead of real time the stored reminder next fires.</summary>
    private async Task<TimeSpan> ReminderDueInAsync(IUserGrain user)
    {
        var row = await _silo.Reminders.ReadRow(user.GetGrainId(), UserGrain.CheckInReminderName);
        Assert.NotNull(row);
        return DateTime.SpecifyKind(row.StartAt, DateTimeKind.Utc) - DateTime.UtcNow;
    }
}
