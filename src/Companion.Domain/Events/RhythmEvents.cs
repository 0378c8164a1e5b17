namespace Companion.Domain.Events;

// The rhythm view (how the person uses their companions) is off by default and for their eyes
// only. Turning it on and off are events, so the history of the choice is kept.

/// <summary>The person turned the rhythm view on.</summary>
[EventType("rhythm-enabled", 1), Immutable, GenerateSerializer, Alias("companion.rhythm-enabled.v1")]
public sealed record RhythmEnabled(
    [property: Id(0)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>The person turned the rhythm view off: it answers nothing until turned on again.</summary>
[EventType("rhythm-disabled", 1), Immutable, GenerateSerializer, Alias("companion.rhythm-disabled.v1")]
public sealed record RhythmDisabled(
    [property: Id(0)] DateTimeOffset OccurredAt) : UserEvent;
