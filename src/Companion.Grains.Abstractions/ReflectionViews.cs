using Companion.Domain.Events;

namespace Companion.Grains;

/// <summary>The daily check-in in force.</summary>
/// <param name="TimeOfDay">"HH:mm" local time.</param>
/// <param name="TimeZone">Its IANA time zone.</param>
/// <param name="Since">When it was scheduled.</param>
/// <param name="NextDueAt">When the next one falls due (UTC).</param>
/// <param name="NextDueDate">The local date of the next one.</param>
/// <param name="LastDueDate">The local date the last one fell due for, if any.</param>
[Immutable, GenerateSerializer, Alias("companion.check-in-view")]
public sealed record CheckInView(
    [property: Id(0)] string TimeOfDay,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] DateTimeOffset NextDueAt,
    [property: Id(4)] DateOnly NextDueDate,
    [property: Id(5)] DateOnly? LastDueDate);

/// <summary>A companion message recorded from another producer than the companion's pinned one.</summary>
/// <param name="Pinned">The model and runtime the person pinned.</param>
/// <param name="Actual">The one that produced the message.</param>
[Immutable, GenerateSerializer, Alias("companion.producer-mismatch")]
public sealed record ProducerMismatch(
    [property: Id(0)] ModelRuntime Pinned,
    [property: Id(1)] ModelRuntime Actual);
