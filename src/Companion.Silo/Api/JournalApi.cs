using System.Collections.Immutable;
using Companion.Domain.State;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>The user's journal: write entries, look back over a time range.</summary>
public static class JournalApi
{
    public sealed record EntryResponse(string EntryId, long Version, bool Duplicate);

    public sealed record JournalPage(ImmutableArray<JournalEntry> Entries);

    public static RouteGroupBuilder MapJournalApi(this RouteGroupBuilder user)
    {
        user.MapPost("/journal", Write).WithName("writeJournalEntry").WithSummary("Write a journal entry: {text, mood?, prompt?, practice?, fields?, requestId?}; 'fields' are the practice's own (GET /v1/practices).")
            .ProducesProblems(ProblemResponses.JsonBody);
        user.MapGet("/journal", Read).WithName("readJournal").WithSummary("Entries written in [from, to) (ISO 8601 times; both optional).")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return user;
    }

    private static async Task<Results<Created<EntryResponse>, Ok<EntryResponse>>> Write(string userId, JournalRequest body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).WriteJournal(body.Prompt, body.Text ?? "", body.Mood, body.RequestId, body.Practice, body.Fields);
        var response = new EntryResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<Results<Ok<JournalPage>, ProblemHttpResult>> Read(string userId, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains)
    {
        if (from is not null && to is not null && from > to)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "'from' must not be after 'to'.");
        }

        return TypedResults.Ok(new JournalPage(await CompanionsApi.User(grains, userId).GetJournal(from, to)));
    }
}
