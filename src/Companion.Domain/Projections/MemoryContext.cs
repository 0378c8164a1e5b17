using System.Collections.Immutable;
using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Domain.Lorebooks;
using Companion.Domain.State;

namespace Companion.Domain.Projections;

/// <summary>
/// What a model needs to speak as this companion: who it is, what it remembers, and the latest
/// conversation, cut to a character budget. Pinned memories come first, then the most salient
/// others, then the newest messages; whatever does not fit is left out and counted. While a reset
/// is in force, nothing recorded before it (<see cref="HiddenBeforeVersion"/>) is shown.
/// Recall (<c>MemoryContext.Recall.cs</c>) adds relevant memories and past messages after the pinned ones.
/// <see cref="Lore"/> holds the lorebook entries whose keys occur in the recent messages (or the
/// query), each with why, taken from the budget before memories; <see cref="LoreNotes"/> says which
/// matched entries were left out and which patterns were skipped (<see cref="LoreScanner"/>).
/// <see cref="PinnedRuntime"/> is the model and runtime the person wants it to keep speaking with.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.memory-context")]
public sealed partial record MemoryContext(
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
    [property: Id(10)] ImmutableArray<LoreInclusion> Lore,
    [property: Id(11)] ImmutableArray<LoreNote> LoreNotes,
    [property: Id(17)] ModelRuntime? PinnedRuntime = null);

/// <summary>How much context to build.</summary>
/// <param name="BudgetChars">The budget in characters.</param>
/// <param name="MaxMessages">How many recent messages at most.</param>
/// <param name="MaxMemories">How many salient memories at most.</param>
/// <param name="Tokens">A budget in tokens as well, with the tokenizer that counts it.</param>
/// <param name="Query">When given, what the lorebook is scanned against instead of the recent messages.</param>
/// <param name="Now">
/// The time the context is for: a memory whose fact ended by then (<see cref="MemoryState.EndedBy"/>)
/// is history and left out. Null only where no clock is at hand: then only superseded and
/// forgotten memories are left out.
/// </param>
public sealed record MemoryContextOptions(
    int BudgetChars = 12_000, int MaxMessages = 30, int MaxMemories = 20, TokenBudget? Tokens = null, string? Query = null, DateTimeOffset? Now = null)
{
    /// <summary>The longest query, in characters: the lorebook is scanned against all of it, recall searches its first <see cref="Recall.RecallQuery.MaxTextLength"/>.</summary>
    public const int MaxQueryChars = 4_000;

    public const int MaxBudgetChars = 200_000;

    /// <summary>Recalled items the context takes at most.</summary>
    public const int MaxRecalled = 5;
}

/// <summary>A budget in tokens, counted by a named tokenizer.</summary>
public sealed record TokenBudget(int Tokens, string Tokenizer, Func<string, int> Count);

public static class MemoryContextProjection
{
    /// <summary>
    /// Builds the context. <paramref name="recalled"/> (relevant items, best first, already
    /// filtered by what the context may show) come right after the pinned memories, without
    /// repeating an item shown otherwise.
    /// </summary>
    public static MemoryContext Build(CompanionState companion, MemoryContextOptions options, IReadOnlyList<RecalledItem>? recalled = null)
    {
        var budget = options.BudgetChars;
        var tokens = options.Tokens;
        var used = companion.Name.Length + companion.Persona.TextFields().Sum(f => f.Value.Length);
        var usedTokens = tokens is null ? 0 : tokens.Count(companion.Name) + companion.Persona.TextFields().Sum(f => tokens.Count(f.Value));
        var leftOut = 0;

        bool Fits(string text)
        {
            var cost = tokens?.Count(text) ?? 0;
            if (used + text.Length > budget || (tokens is not null && usedTokens + cost > tokens.Tokens))
            {
                leftOut++;
                return false;
            }

            used += text.Length;
            usedTokens += cost;
            return true;
        }

        var hiddenBefore = HiddenBefore(companion);
        var visible = companion.RecentMessages.Where(m => m.Version > hiddenBefore).Select(m => m.Text).ToList();
        var lore = LoreScanner.Scan(companion.Lorebook, visible, options.Query, Fits);
        // A superseded or ended memory is history, not a current fact: GET …/memories?includeSuperseded=true shows it.
        var live = companion.Memories.Values
            .Where(m => (options.Now is { } now ? m.IsCurrentAt(now) : !m.IsForgotten && !m.IsSuperseded) && m.Version > hiddenBefore)
            .ToList();
        var current = live.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var pinned = live.Where(m => m.Pinned)
            .OrderBy(m => m.Version)
            .Where(m => Fits(m.Text))
            .ToImmutableArray();
        var window = companion.RecentMessages.Reverse().Take(options.MaxMessages).Select(m => m.Version).ToHashSet();
        var recall = (recalled ?? [])
            .Where(r => r.Kind == RecallKind.Memory ? current.Contains(r.Id) && !pinned.Any(m => m.Id == r.Id) : !window.Contains(r.Version))
            .Take(MemoryContextOptions.MaxRecalled)
            .Where(r => Fits(r.Text))
            .ToImmutableArray();
        var salient = live.Where(m => !m.Pinned && !recall.Any(r => r.Kind == RecallKind.Memory && r.Id == m.Id))
            .OrderByDescending(m => m.Salience).ThenByDescending(m => m.Version)
            .Take(options.MaxMemories)
            .Where(m => Fits(m.Text))
            .ToImmutableArray();
        var messages = companion.RecentMessages
            .Where(m => m.Version > hiddenBefore)
            .Reverse()
            .Take(options.MaxMessages)
            .TakeWhile(m => Fits(m.Text))
            .Reverse()
            .ToImmutableArray();

        return new MemoryContext(companion.Id, companion.Name, companion.Persona, pinned, salient, messages, budget, used, leftOut, hiddenBefore,
            lore.Included, lore.Notes, companion.PinnedRuntime)
        {
            Recalled = recall,
            BudgetTokens = tokens?.Tokens,
            UsedTokens = tokens is null ? null : usedTokens,
            Tokenizer = tokens?.Tokenizer,
        };
    }

    /// <summary>The version of the newest reset in force (0 when none): everything older is hidden.</summary>
    public static long HiddenBefore(CompanionState companion) =>
        companion.ActiveResets.IsEmpty ? 0 : companion.ActiveResets.Max(r => r.Version);
}
