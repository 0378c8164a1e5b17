namespace Companion.Domain.Projections.Recall;

/// <summary>How to build a memory context with recall.</summary>
/// <param name="BudgetChars">The budget in characters.</param>
/// <param name="MaxMessages">How many recent messages at most.</param>
/// <param name="Query">What to recall for; the newest user message when null.</param>
/// <param name="BudgetTokens">A budget in tokens as well, when given.</param>
/// <param name="Tokenizer">The tokenizer that counts <paramref name="BudgetTokens"/> (cl100k, o200k).</param>
[Immutable, GenerateSerializer, Alias("companion.context-request")]
public sealed record ContextRequest(
    [property: Id(0)] int BudgetChars,
    [property: Id(1)] int MaxMessages,
    [property: Id(2)] string? Query,
    [property: Id(3)] int? BudgetTokens,
    [property: Id(4)] string Tokenizer);
