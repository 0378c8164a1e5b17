using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// Decisions for scheduled check-ins, the rhythm view and a companion's pinned runtime. Each
/// returns null when the state already is as asked: nothing is written, and the caller answers
/// with the current version as a repeat.
/// </summary>
public static class ReflectionDecisions
{
    public static CheckInScheduled? ScheduleCheckIn(UserState state, string? timeOfDay, string? timeZone, DateTimeOffset now)
    {
        UserDecisions.RequireRegistered(state);
        var time = CheckInTimes.ParseTimeOfDay(timeOfDay);
        var zone = CheckInTimes.FindZone(timeZone);
        var normalized = time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return state.CheckIn is { } current && current.TimeOfDay == normalized && current.TimeZone == zone.Id
            ? null
            : new CheckInScheduled(normalized, zone.Id, now);
    }

    public static CheckInCancelled? CancelCheckIn(UserState state, DateTimeOffset now)
    {
        UserDecisions.RequireRegistered(state);
        return state.CheckIn is null ? null : new CheckInCancelled(now);
    }

    /// <summary>
    /// The check-in due at <paramref name="now"/>: the newest local date whose time has passed,
    /// since the schedule was set and after the last date one fell due for. Null when none is:
    /// a second reminder for the same date writes nothing. After days without a reminder (a silo
    /// down), only the newest date is due; the days before it are counted, not delivered.
    /// </summary>
    public static CheckInDue? DueCheckIn(UserState state, DateTimeOffset now)
    {
        if (!state.IsRegistered || state.CheckIn is not { } schedule)
        {
            return null;
        }

        var (date, dueAt) = CheckInTimes.LatestAtOrBefore(schedule, now);
        if (dueAt <= schedule.Since || (state.LastCheckInDue is { } last && last >= date))
        {
            return null;
        }

        var (firstDate, _) = CheckInTimes.NextAfter(schedule, schedule.Since);
        var earliest = state.LastCheckInDue is { } delivered && delivered.AddDays(1) > firstDate ? delivered.AddDays(1) : firstDate;
        var missed = Math.Max(0, date.DayNumber - earliest.DayNumber);
        return new CheckInDue(date, schedule.TimeZone, dueAt, missed, now);
    }

    public static RhythmEnabled? EnableRhythm(UserState state, DateTimeOffset now)
    {
        UserDecisions.RequireRegistered(state);
        return state.RhythmEnabled ? null : new RhythmEnabled(now);
    }

    public static RhythmDisabled? DisableRhythm(UserState state, DateTimeOffset now)
    {
        UserDecisions.RequireRegistered(state);
        return state.RhythmEnabled ? new RhythmDisabled(now) : null;
    }

    public static CompanionRuntimePinned? PinRuntime(UserState state, string companionId, ModelRuntime pin, DateTimeOffset now)
    {
        var companion = UserDecisions.RequireCompanion(state, companionId);
        var valid = UserDecisions.ValidProducer(pin) ?? throw DomainException.Invalid("'modelId' is required.");
        return valid.Equals(companion.PinnedRuntime) ? null : new CompanionRuntimePinned(companionId, valid, now);
    }
}
