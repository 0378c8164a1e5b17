using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.Projections.Recall;
using Companion.Recall;

namespace Companion.Grains;

/// <summary>
/// Recall: search over the user's memories, whole message history and journal, and the context
/// that brings back what is relevant. The index (<see cref="RecallProjection"/>) is built from the
/// log on the first search of an activation, caught up in the background after each append, kept
/// only in this activation's memory, and ended with it (or with an erasure, before the log goes).
/// </summary>
public sealed partial class UserGrain
{
    private RecallProjection? _recall;

    public async Task<RecallResults> Search(RecallQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        UserDecisions.RequireRegistered(Current);
        RequireSearchable(query);
        if (query.CompanionId is { } companionId)
        {
            UserDecisions.RequireCompanion(Current, companionId);
        }

        var recall = await RecallAsync();
        return await recall.SearchAsync(query, Current, Version, clock.GetUtcNow());
    }

    public async Task<MemoryContext> GetContextWithRecall(string companionId, ContextRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var companion = UserDecisions.RequireCompanion(Current, companionId);
        TokenBudget? tokens = null;
        if (request.BudgetTokens is { } budgetTokens)
        {
            var tokenizers = recallServices?.Tokenizers ?? new ContextTokenizers();
            tokens = new TokenBudget(budgetTokens, request.Tokenizer, tokenizers.Counter(request.Tokenizer));
        }

        var options = new MemoryContextOptions(request.BudgetChars, request.MaxMessages, Tokens: tokens, Query: request.Query, Now: clock.GetUtcNow());
        var hiddenBefore = MemoryContextProjection.HiddenBefore(companion);
        var newest = companion.RecentMessages.LastOrDefault(m => m.Role == MessageRole.User && m.Version > hiddenBefore);
        var query = request.Query ?? newest?.Text;
        if (string.IsNullOrWhiteSpace(query) || recallServices is null)
        {
            return MemoryContextProjection.Build(companion, options);
        }

        var text = query.Length > RecallQuery.MaxTextLength ? query[..RecallQuery.MaxTextLength] : query;
        var found = await Search(new RecallQuery(text, [RecallKind.Memory, RecallKind.Message], companionId, null, null, RecallQuery.MaxLimit));
        var recalled = found.Hits
            .Where(h => request.Query is not null || h.Version != newest?.Version)
            .Select(RecalledItem.From)
            .ToImmutableArray();
        return MemoryContextProjection.Build(companion, options, recalled) with { RecallQuery = query };
    }

    private static void RequireSearchable(RecallQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Text) || query.Text.Length > RecallQuery.MaxTextLength)
        {
            throw DomainException.Invalid($"'q' must hold 1 to {RecallQuery.MaxTextLength} characters of text; it had {query.Text.Length}. Search for a phrase, not a document.");
        }

        if (query.Limit is < 1 or > RecallQuery.MaxLimit)
        {
            throw DomainException.Invalid($"'limit' must be 1 to {RecallQuery.MaxLimit}; it was {query.Limit}.");
        }

        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw DomainException.Invalid($"'from' ({from:O}) must be before 'to' ({to:O}).");
        }
    }

    /// <summary>The activation's index: built from the log on first use, else asked to catch up if behind.</summary>
    private async Task<RecallProjection> RecallAsync()
    {
        if (_recall is { } existing)
        {
            if (existing.IndexedVersion < Version)
            {
                existing.CatchUpInBackground();
            }

            return existing;
        }

        var services = recallServices ?? throw DomainException.Unavailable("Search is not configured on this silo.");
        var recall = new RecallProjection(UserId, log, registry, await OpenOwnKeyAsync(), services);
        try
        {
            await recall.CatchUpAsync();
        }
        catch
        {
            await recall.DisposeAsync();
            throw;
        }

        _recall = recall;
        return recall;
    }

    private async Task EndRecallAsync()
    {
        if (_recall is { } recall)
        {
            _recall = null;
            await recall.DisposeAsync();
        }
    }
}
