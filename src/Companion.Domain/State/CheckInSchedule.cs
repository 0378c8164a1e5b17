namespace Companion.Domain.State;

/// <summary>A daily check-in in force: a local time of day in an IANA time zone, since when.</summary>
/// <param name="TimeOfDay">"HH:mm", 24-hour.</param>
/// <param name="TimeZone">The IANA name of the time zone the time is in.</param>
/// <param name="Since">When it was scheduled; no time before this falls due under it.</param>
[Immutable, GenerateSerializer, Alias("companion.check-in-schedule")]
public sealed record CheckInSchedule(
    [property: Id(0)] string TimeOfDay,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] DateTimeOffset Since);
