using System.Collections.Immutable;

namespace Companion.Domain.Projections;

/// <summary>
/// Something that changed about a companion, said plainly for the person it belongs to.
/// </summary>
/// <param name="Version">The stream version of the event that recorded it.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">
/// <c>created</c>, <c>persona-revised</c>, <c>persona-restored</c> (revised back to an earlier
/// version exactly), <c>runtime-changed</c>, <c>runtime-pinned</c>, <c>producer-mismatch</c> (a
/// message from another model or runtime than the pinned one), <c>reset</c>, <c>reset-undone</c>, <c>memory-forgotten</c>, <c>memory-superseded</c> or <c>memory-ended</c>.
/// </param>
/// <param name="Summary">What changed, in a sentence.</param>
/// <param name="Fields">For persona changes, the fields that changed; empty otherwise.</param>
[Immutable, GenerateSerializer, Alias("companion.companion-change")]
public sealed record CompanionChange(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Summary,
    [property: Id(4)] ImmutableArray<string> Fields);
