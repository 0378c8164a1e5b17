using System.Collections.Immutable;
using Companion.Domain.Projections.Recall;

namespace Companion.Domain.Projections;

/// <summary>Recall in the context: what was brought back by relevance, and the budget in tokens.</summary>
public sealed partial record MemoryContext
{
    /// <summary>Memories and past messages brought back because they are relevant to <see cref="RecallQuery"/>, most relevant first.</summary>
    [Id(12)]
    public ImmutableArray<RecalledItem> Recalled { get; init; } = [];

    /// <summary>What was recalled for: the query given, or the newest user message; null when nothing was.</summary>
    [Id(13)]
    public string? RecallQuery { get; init; }

    /// <summary>The budget in tokens, when one was given.</summary>
    [Id(14)]
    public int? BudgetTokens { get; init; }

    /// <summary>The tokens used, counted by <see cref="Tokenizer"/>, when a token budget was given.</summary>
    [Id(15)]
    public int? UsedTokens { get; init; }

    /// <summary>The tokenizer that counted the tokens.</summary>
    [Id(16)]
    public string? Tokenizer { get; init; }
}
