using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Soft resets of a companion's memory: hide everything so far from its context, or undo that. Nothing is deleted.</summary>
public static class ResetsApi
{
    public sealed record ResetResponse(string ResetId, long Version, bool Duplicate);

    public static RouteGroupBuilder MapResetsApi(this RouteGroupBuilder user)
    {
        var reset = user.MapGroup("/companions/{companionId}/reset");
        reset.MapPost("/", Reset)
            .WithName("resetCompanion")
            .ProducesProblems(ProblemResponses.JsonBody)
            .WithSummary("Reset: hide every earlier memory and message from the context ({reason?, requestId?}); deletes nothing.");
        reset.MapPost("/undo", Undo)
            .WithName("undoReset")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status409Conflict)
            .WithSummary("Undo the newest reset in force ({requestId?}); 409 when there is none. A repeated requestId undoes nothing more.");
        return user;
    }

    private static async Task<Results<Created<ResetResponse>, Ok<ResetResponse>>> Reset(
        string userId, string companionId, ResetRequest? body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).ResetCompanion(companionId, body?.Reason, body?.RequestId);
        var response = new ResetResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<Ok<ResetResponse>> Undo(string userId, string companionId, UndoResetRequest? body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).UndoReset(companionId, body?.RequestId);
        return TypedResults.Ok(new ResetResponse(result.Id, result.Version, result.Duplicate));
    }
}
