namespace Companion.Client;

// Recall: search over the user's own words, and the context with what it recalled.
public sealed partial class CompanionClient
{
    /// <summary>
    /// Searches memories, messages and journal entries by keyword and meaning; each hit names its log
    /// version, time, session and why it matched, and the answer says how far the index is behind the
    /// log: <c>GET /v1/users/{userId}/search</c>. The user's own token only (403 for the admin);
    /// 400 an empty or too long <paramref name="q"/>.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="q">What to look for: a phrase.</param>
    /// <param name="kinds">What to look in; null or empty for everything.</param>
    /// <param name="companionId">Only this companion's memories and messages, when given.</param>
    /// <param name="from">The earliest time, when given.</param>
    /// <param name="to">The time before which, when given.</param>
    /// <param name="limit">Hits at most (the silo's default when null).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SearchResults> SearchAsync(
        string userId, string q, IReadOnlyCollection<RecallKind>? kinds = null, string? companionId = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var kindList = kinds is { Count: > 0 } ? string.Join(',', kinds.Select(k => Text<RecallKind>(k))) : null;
        return GetAsync<SearchResults>(Query(UserPath(userId, "search"),
            ("q", q), ("kinds", kindList), ("companion", companionId), ("from", Text(from)), ("to", Text(to)), ("limit", Text(limit))), cancellationToken);
    }

    /// <summary>
    /// The context for the model with recall: persona, lorebook entries, pinned memories, memories and
    /// past messages recalled for <see cref="ContextOptions.Query"/> (default: the newest user message),
    /// salient memories and recent messages, within the character budget and, if given, a token budget:
    /// <c>GET /v1/users/{userId}/companions/{companionId}/context</c>. Refusals: 400 a budget, query or
    /// tokenizer out of range (the detail gives the range), 404 no such companion.
    /// </summary>
    public Task<MemoryContext> GetContextAsync(string userId, string companionId, ContextOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GetAsync<MemoryContext>(Query(UserPath(userId, "companions", companionId, "context"),
            ("budget", Text(options.Budget)), ("messages", Text(options.Messages)), ("query", options.Query),
            ("budgetTokens", Text(options.BudgetTokens)), ("tokenizer", options.Tokenizer)), cancellationToken);
    }
}
