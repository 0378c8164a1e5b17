using System.Globalization;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// When a daily check-in falls due, in its own time zone, across daylight-saving changes: a local
/// time that does not exist that day (clocks jump forward over it) falls due as many minutes
/// after the jump as it was into the gap (02:30 becomes 03:30); a local time that happens twice
/// (clocks fall back) falls due the first time.
/// </summary>
public static class CheckInTimes
{
    /// <summary>The time of day a client sent, strictly "HH:mm" (00:00 to 23:59).</summary>
    public static TimeOnly ParseTimeOfDay(string? timeOfDay) =>
        TimeOnly.TryParseExact(timeOfDay, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw DomainException.Invalid($"'timeOfDay' must be a 24-hour local time \"HH:mm\" such as \"07:30\", not \"{timeOfDay}\".");

    /// <summary>The time zone named by an IANA id (e.g. "Europe/Berlin").</summary>
    public static TimeZoneInfo FindZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            throw DomainException.Invalid("'timeZone' is required: an IANA time zone name such as \"Europe/Berlin\" or \"UTC\".");
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return zone.HasIanaId
                ? zone
                : throw DomainException.Invalid($"'timeZone' must be an IANA time zone name such as \"Europe/Berlin\", not \"{timeZone}\".");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw DomainException.Invalid($"'timeZone' \"{timeZone}\" is not a known IANA time zone; send one such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\".");
        }
    }

    /// <summary>The instant the check-in of <paramref name="date"/> falls due at <paramref name="time"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset DueAt(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // In the gap: keep the offset from before the jump, which lands as far past it.
            var before = zone.GetUtcOffset(local.AddHours(-6));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The newest local date whose check-in fell due at or before <paramref name="now"/>, and when.</summary>
    public static (DateOnly Date, DateTimeOffset DueAt) LatestAtOrBefore(CheckInSchedule schedule, DateTimeOffset now)
    {
        var (time, zone) = Parse(schedule);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var due = DueAt(date, time, zone);
        return due <= now ? (date, due) : (date.AddDays(-1), DueAt(date.AddDays(-1), time, zone));
    }

    /// <summary>The first check-in to fall due after <paramref name="now"/>.</summary>
    public static (DateOnly Date, DateTimeOffset DueAt) NextAfter(CheckInSchedule schedule, DateTimeOffset now)
    {
        var (time, zone) = Parse(schedule);
        var (date, _) = LatestAtOrBefore(schedule, now);
        var next = date.AddDays(1);
        return (next, DueAt(next, time, zone));
    }

    private static (TimeOnly Time, TimeZoneInfo Zone) Parse(CheckInSchedule schedule) =>
        (ParseTimeOfDay(schedule.TimeOfDay), FindZone(schedule.TimeZone));
}
