namespace Companion.Domain.Events;

/// <summary>
/// The person pinned the model and runtime this companion should keep speaking with. Unlike
/// <see cref="CompanionRuntimeChanged"/>, which records what was observed (a message's producer),
/// this records what the person wants; a companion message from another producer is still
/// recorded, and flagged. The same <see cref="ModelRuntime"/> value names both, so "differs from
/// the pin" is plain equality.
/// </summary>
[EventType("companion-runtime-pinned", 1), Immutable, GenerateSerializer, Alias("companion.companion-runtime-pinned.v1")]
public sealed record CompanionRuntimePinned(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] ModelRuntime Pin,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;
