namespace Companion.Domain.Lorebooks;

/// <summary>
/// A lorebook entry the context includes, marked as lore: its text (decorators trimmed), where the
/// book asks it to go, and why it was included (the key that matched, <c>constant</c>, <c>@@activate</c>).
/// </summary>
/// <param name="EntryId">The entry's id in the companion's lorebook.</param>
/// <param name="Name">The entry's name or comment, for people; never part of the prompt.</param>
/// <param name="Content">What to add to the prompt.</param>
/// <param name="Position">The entry's <c>position</c> (<c>before_char</c>, <c>after_char</c>) or its <c>@@position</c>.</param>
/// <param name="InsertionOrder">Lower comes earlier in the prompt; the list is in this order.</param>
/// <param name="Reason">Why it is included, in words.</param>
/// <param name="MatchedKey">The key (or pattern) that matched; null for constant and <c>@@activate</c> entries.</param>
/// <param name="Tokens">Its estimated size in tokens (a token is taken as four characters).</param>
[Immutable, GenerateSerializer, Alias("companion.lore-inclusion")]
public sealed record LoreInclusion(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string Content,
    [property: Id(3)] string? Position,
    [property: Id(4)] double InsertionOrder,
    [property: Id(5)] string Reason,
    [property: Id(6)] string? MatchedKey,
    [property: Id(7)] int Tokens);

/// <summary>An entry that matched or could have, and was left out, with why (over budget, a pattern skipped).</summary>
[Immutable, GenerateSerializer, Alias("companion.lore-note")]
public sealed record LoreNote(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string Note);
