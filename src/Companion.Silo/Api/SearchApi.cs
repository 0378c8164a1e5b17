using System.Collections.Immutable;
using Companion.Domain.Projections.Recall;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Search over a user's memories, whole message history and journal, with provenance.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder user)
    {
        user.MapGet("/search", Search)
            .WithName("search")
            .WithSummary("Hybrid search (keyword and meaning) over memories, messages and journal entries: q, kinds=memory,message,journal, companion, from, to, limit. "
                + "Each hit names its event version, time, session and why it matched; the answer says how far the index is behind the log, "
                + "which embedding model answered (embeddingModel) and, while a newly configured model re-embeds the history, its progress (reembedding: model, done, total).")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return user;
    }

    private static async Task<Results<Ok<RecallResults>, ProblemHttpResult>> Search(
        string userId, IGrainFactory grains, string? q, string? kinds, string? companion, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > RecallQuery.MaxTextLength)
        {
            return Problems.Result(StatusCodes.Status400BadRequest,
                $"'q' must hold 1 to {RecallQuery.MaxTextLength} characters of text; it had {q?.Length ?? 0}. Search for a phrase, not a document.");
        }

        if (ParseKinds(kinds) is not { } parsed)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'kinds' must be a comma-separated list of memory, message and journal; it was '{Shorten(kinds)}'.");
        }

        var query = new RecallQuery(q, parsed, string.IsNullOrEmpty(companion) ? null : companion, from, to, limit ?? RecallQuery.DefaultLimit);
        return TypedResults.Ok(await CompanionsApi.User(grains, userId).Search(query));
    }

    private static ImmutableArray<RecallKind>? ParseKinds(string? kinds)
    {
        if (string.IsNullOrWhiteSpace(kinds))
        {
            return [];
        }

        var parsed = ImmutableArray.CreateBuilder<RecallKind>();
        foreach (var name in kinds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            RecallKind? kind = name switch
            {
                "memory" => RecallKind.Memory,
                "message" => RecallKind.Message,
                "journal" => RecallKind.Journal,
                _ => null,
            };
            if (kind is null)
            {
                return null;
            }

            parsed.Add(kind.Value);
        }

        return parsed.ToImmutable();
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
