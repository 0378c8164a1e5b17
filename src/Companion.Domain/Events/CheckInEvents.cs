namespace Companion.Domain.Events;

// Scheduled check-ins: the person asks to be reminded of their daily secure-base check-in at a
// local time of day; when it is due, the log records it once for that local date, and the app
// (through the change feed) notifies them. The reminder itself is an Orleans reminder, armed
// after each of these events is durable; these events are what the person asked and what fell due.

/// <summary>
/// A daily check-in was scheduled (or moved) for <paramref name="TimeOfDay"/> ("HH:mm") in the
/// IANA time zone <paramref name="TimeZone"/>. Only times after this event fall due under it.
/// </summary>
[EventType("check-in-scheduled", 1), Immutable, GenerateSerializer, Alias("companion.check-in-scheduled.v1")]
public sealed record CheckInScheduled(
    [property: Id(0)] string TimeOfDay,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>The scheduled check-in was turned off.</summary>
[EventType("check-in-cancelled", 1), Immutable, GenerateSerializer, Alias("companion.check-in-cancelled.v1")]
public sealed record CheckInCancelled(
    [property: Id(0)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>
/// The check-in of <paramref name="LocalDate"/> (a date in the schedule's time zone) fell due at
/// <paramref name="DueAt"/>. At most one per local date; after days the silo was down, one for the
/// latest of them (<paramref name="MissedDays"/> counts the earlier ones not delivered).
/// </summary>
[EventType("check-in-due", 1), Immutable, GenerateSerializer, Alias("companion.check-in-due.v1")]
public sealed record CheckInDue(
    [property: Id(0)] DateOnly LocalDate,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] int MissedDays,
    [property: Id(4)] DateTimeOffset OccurredAt) : UserEvent;
