using System.Collections.Immutable;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Projections;

/// <summary>
/// What a model needs to speak as this companion: who it is, what it remembers, and the latest
/// conversation, cut to a character budget. Pinned memories come first, then the most salient
/// others, then the newest messages; whatever does not fit is left out and counted. While a reset
/// is in force, nothing recorded before it (<see cref="HiddenBeforeVersion"/>) is shown.
/// <see cref="PinnedRuntime"/> is the model and runtime the person wants it to keep speaking with.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.memory-context")]
public sealed record MemoryContext(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string Name,
    [property: Id(2)] Persona Persona,
    [property: Id(3)] ImmutableArray<MemoryState> PinnedMemories,
    [property: Id(4)] ImmutableArray<MemoryState> SalientMemories,
    [property: Id(5)] ImmutableArray<MessageState> RecentMessages,
    [property: Id(6)] int BudgetChars,
    [property: Id(7)] int UsedChars,
    [property: Id(8)] int LeftOut,
    [property: Id(9)] long HiddenBeforeVersion,
    [property: Id(10)] ModelRuntime? PinnedRuntime = null);

/// <summary>How much context to build.</summary>
public sealed record MemoryContextOptions(int BudgetChars = 12_000, int MaxMessages = 30, int MaxMemories = 20)
{
    public const int MaxBudgetChars = 200_000;
}

public static class MemoryContextProjection
{
    public static MemoryContext Build(CompanionState companion, MemoryContextOptions options)
    {
        var budget = options.BudgetChars;
        var used = companion.Name.Length + companion.Persona.TextFields().Sum(f => f.Value.Length);
        var leftOut = 0;

        bool Fits(int size)
        {
            if (used + size > budget)
            {
                leftOut++;
                return false;
            }

            used += size;
            return true;
        }

        var hiddenBefore = HiddenBefore(companion);
        var live = companion.Memories.Values.Where(m => !m.IsForgotten && m.Version > hiddenBefore).ToList();
        var pinned = live.Where(m => m.Pinned)
            .OrderBy(m => m.Version)
            .Where(m => Fits(m.Text.Length))
            .ToImmutableArray();
        var salient = live.Where(m => !m.Pinned)
            .OrderByDescending(m => m.Salience).ThenByDescending(m => m.Version)
            .Take(options.MaxMemories)
            .Where(m => Fits(m.Text.Length))
            .ToImmutableArray();
        var messages = companion.RecentMessages
            .Where(m => m.Version > hiddenBefore)
            .Reverse()
            .Take(options.MaxMessages)
            .TakeWhile(m => Fits(m.Text.Length))
            .Reverse()
            .ToImmutableArray();

        return new MemoryContext(companion.Id, companion.Name, companion.Persona, pinned, salient, messages, budget, used, leftOut, hiddenBefore, companion.PinnedRuntime);
    }

    /// <summary>The version of the newest reset in force (0 when none): everything older is hidden.</summary>
    public static long HiddenBefore(CompanionState companion) =>
        companion.ActiveResets.IsEmpty ? 0 : companion.ActiveResets.Max(r => r.Version);
}
