using Companion.Domain.Commands;
using Companion.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Companion.Grains;

/// <summary>
/// Scheduled check-ins on a durable Orleans reminder. The log holds what the person asked
/// (<see cref="CheckInScheduled"/>, <see cref="CheckInCancelled"/>) and what fell due
/// (<see cref="CheckInDue"/>); the reminder only wakes the grain. Each tick decides from the state
/// and the clock whether a check-in is due (at most one per local date, however many days were
/// missed), then re-arms the reminder for the next due time, which follows daylight-saving changes.
/// The reminder is armed after the durable append, never before.
/// </summary>
public sealed partial class UserGrain : IRemindable
{
    /// <summary>The name of the check-in reminder.</summary>
    public const string CheckInReminderName = "check-in";

    public async Task<CommandResult> ScheduleCheckIn(string? timeOfDay, string? timeZone)
    {
        var result = await ExecuteUnlessAsIs(s => ReflectionDecisions.ScheduleCheckIn(s, timeOfDay, timeZone, clock.GetUtcNow()), UserId);
        await ArmCheckInAsync();
        return result;
    }

    public async Task<CommandResult> CancelCheckIn()
    {
        var result = await ExecuteUnlessAsIs(s => ReflectionDecisions.CancelCheckIn(s, clock.GetUtcNow()), UserId);
        await DisarmCheckInAsync();
        return result;
    }

    public Task<CheckInView?> GetCheckIn()
    {
        var state = Current;
        UserDecisions.RequireRegistered(state);
        if (state.CheckIn is not { } schedule)
        {
            return Task.FromResult<CheckInView?>(null);
        }

        var (date, dueAt) = CheckInTimes.NextAfter(schedule, clock.GetUtcNow());
        return Task.FromResult<CheckInView?>(new CheckInView(schedule.TimeOfDay, schedule.TimeZone, schedule.Since, dueAt, date, state.LastCheckInDue));
    }

    /// <summary>
    /// A tick: records the check-in due now, if one is, and re-arms for the next. A tick for a user
    /// with no check-in in force (erased, cancelled while a tick was under way) unregisters the reminder.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CheckInReminderName)
        {
            return;
        }

        if (_erasedAt is not null || Current.CheckIn is null)
        {
            await DisarmCheckInAsync();
            return;
        }

        if (ReflectionDecisions.DueCheckIn(Current, clock.GetUtcNow()) is { } due)
        {
            await Execute(null, _ => due, _ => UserId);
            logger.LogInformation("Check-in of user {UserId} fell due for {LocalDate}", UserId, due.LocalDate);
        }

        await ArmCheckInAsync();
    }

    /// <summary>Registers (or moves) the reminder to the next due time; with no check-in in force, removes it.</summary>
    private async Task ArmCheckInAsync()
    {
        if (Current.CheckIn is not { } schedule)
        {
            await DisarmCheckInAsync();
            return;
        }

        var now = clock.GetUtcNow();
        var (_, dueAt) = CheckInTimes.NextAfter(schedule, now);
        var period = ServiceProvider.GetService<IOptions<CheckInOptions>>()?.Value.CatchUpPeriod ?? new CheckInOptions().CatchUpPeriod;
        await this.RegisterOrUpdateReminder(CheckInReminderName, dueAt - now, period);
    }

    private async Task DisarmCheckInAsync()
    {
        if (await this.GetReminder(CheckInReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Raises what <paramref name="decide"/> returns; when it returns nothing (already as asked), writes nothing and answers as a repeat.</summary>
    private Task<CommandResult> ExecuteUnlessAsIs(Func<Domain.State.UserState, UserEvent?> decide, string resultId) =>
        decide(Current) is { } @event
            ? Execute(null, _ => @event, _ => resultId)
            : Task.FromResult(new CommandResult(resultId, Version, Duplicate: true));
}
