using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// What a memory says about time and the fact it replaces: the world time its fact held
/// (<paramref name="ValidFrom"/> to <paramref name="ValidTo"/>, each open when null) and the memory
/// it <paramref name="Supersedes"/>.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.memory-supersession")]
public sealed record MemorySupersession(
    [property: Id(0)] string? Supersedes = null,
    [property: Id(1)] DateTimeOffset? ValidFrom = null,
    [property: Id(2)] DateTimeOffset? ValidTo = null)
{
    /// <summary>A memory that replaces nothing and says nothing of when it held.</summary>
    public static MemorySupersession None { get; } = new();

    /// <summary>
    /// This supersession, checked against the companion's memories, or a refusal that says what to
    /// send instead: validity that ends before it begins (400), a superseded memory that is not
    /// this companion's (400), is forgotten (409), was already superseded (409: supersede its
    /// successor, so the history stays one line), or began after the new fact does (409).
    /// </summary>
    /// <remarks>
    /// A memory can only supersede one recorded before it, and each is superseded at most once, so
    /// the supersessions of a companion form lines, never a cycle.
    /// </remarks>
    public MemorySupersession Check(CompanionState companion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(companion);
        if (ValidFrom is { } from && ValidTo is { } to && to <= from)
        {
            throw DomainException.Invalid(
                $"'validTo' ({to:O}) must be after 'validFrom' ({from:O}): a fact cannot stop holding before it starts.");
        }

        var supersedes = Validate.OptionalClientKey(Supersedes, "supersedes");
        if (supersedes is null)
        {
            return this;
        }

        if (!companion.Memories.TryGetValue(supersedes, out var old))
        {
            throw DomainException.Invalid(
                $"'supersedes' names memory '{supersedes}', which companion '{companion.Id}' does not have: give the id of one of its memories (GET …/memories).");
        }

        if (old.IsForgotten)
        {
            throw DomainException.Conflict(
                $"Memory '{supersedes}' was forgotten; a forgotten memory cannot be superseded. Record the new memory without 'supersedes'.");
        }

        if (old.SupersededBy is { } successor)
        {
            throw DomainException.Conflict(
                $"Memory '{supersedes}' was already superseded by memory '{successor}': supersede '{successor}' instead, so the fact's history stays one line.");
        }

        var start = ValidFrom ?? now;
        return old.ValidFrom is { } oldFrom && start < oldFrom
            ? throw DomainException.Conflict(
                $"Memory '{supersedes}' held from {oldFrom:O}; the memory that supersedes it must hold from then or later ('validFrom' {start:O} is earlier).")
            : this with { Supersedes = supersedes };
    }
}
