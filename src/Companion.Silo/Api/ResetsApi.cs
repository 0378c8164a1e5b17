using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Soft resets of a companion's memory: hide everything so far from its context, or undo that. Nothing is deleted.</summary>
public static class ResetsApi
{
    public sealed record ResetResponse(string ResetId, long Version);

    public static RouteGroupBuilder MapResetsApi(this RouteGroupBuilder user)
    {
        var reset = user.MapGroup("/companions/{companionId}/reset");
        reset.MapPost("/", Reset).WithSummary("Reset: hide every earlier memory and message from the context ({reason?}); deletes nothing.");
        reset.MapPost("/undo", Undo).WithSummary("Undo the newest reset in force; 409 when there is none.");
        return user;
    }

    private static async Task<Created<ResetResponse>> Reset(string userId, string companionId, ResetRequest? body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).ResetCompanion(companionId, body?.Reason);
        return TypedResults.Created((string?)null, new ResetResponse(result.Id, result.Version));
    }

    private static async Task<Ok<ResetResponse>> Undo(string userId, string companionId, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).UndoReset(companionId);
        return TypedResults.Ok(new ResetResponse(result.Id, result.Version));
    }
}
