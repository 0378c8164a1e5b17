namespace Companion.Domain.Events;

/// <summary>
/// A companion message arrived from a different model or runtime than the companion's last known
/// one (<paramref name="From"/> is null the first time one is known). Recorded just before that
/// message, so the history shows which model said what.
/// </summary>
[EventType("companion-runtime-changed", 1), Immutable, GenerateSerializer, Alias("companion.companion-runtime-changed.v1")]
public sealed record CompanionRuntimeChanged(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] ModelRuntime? From,
    [property: Id(2)] ModelRuntime To,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent;
