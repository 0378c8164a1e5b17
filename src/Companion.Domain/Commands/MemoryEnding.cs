using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// That a memory's fact stopped holding, with nothing that replaces it ("we broke up on 3 March"):
/// when (<paramref name="ValidTo"/>, world time; null for "now"), why, and the client's key.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.memory-ending")]
public sealed record MemoryEnding(
    [property: Id(0)] DateTimeOffset? ValidTo = null,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] string? RequestId = null)
{
    /// <summary>
    /// The event that ends <paramref name="memoryId"/>, or a refusal that says what to do instead:
    /// no such memory (404), a forgotten one (409), a superseded one (409: its fact already ended
    /// when its successor began; end the successor), one whose fact already ends (409), or an end
    /// at or before the time the fact began (400).
    /// </summary>
    public MemoryEnded Decide(UserState state, string companionId, string memoryId, DateTimeOffset now)
    {
        var companion = UserDecisions.RequireCompanion(state, companionId);
        var reason = Validate.OptionalText(Reason, "reason", Limits.MemoryText);
        var requestId = Validate.OptionalClientKey(RequestId, "requestId");
        if (!companion.Memories.TryGetValue(memoryId, out var memory))
        {
            throw DomainException.NotFound($"No memory '{memoryId}' for companion '{companionId}': give the id of one of its memories (GET …/memories).");
        }

        if (memory.IsForgotten)
        {
            throw DomainException.Conflict($"Memory '{memoryId}' was forgotten; a forgotten memory cannot be ended.");
        }

        if (memory.SupersededBy is { } successor)
        {
            throw DomainException.Conflict(
                $"Memory '{memoryId}' was superseded by memory '{successor}', so its fact already ended at {memory.ValidTo:O}: end '{successor}' instead if that fact has ended too.");
        }

        if (memory.ValidTo is { } ended)
        {
            throw DomainException.Conflict(
                $"Memory '{memoryId}' already ends at {ended:O} ('validTo'); a fact ends once. To say it held longer or shorter, record a new memory that supersedes it.");
        }

        var end = ValidTo ?? now;
        return memory.ValidFrom is { } from && end <= from
            ? throw DomainException.Invalid(
                $"'validTo' ({end:O}) must be after memory '{memoryId}' began to hold ({from:O}, its 'validFrom'): a fact cannot stop holding before it starts.")
            : new MemoryEnded(companionId, memoryId, ValidTo, reason, requestId, now);
    }
}
