using Companion.Domain.Commands;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>What a companion remembers: record, supersede, pin, forget, list. Each change is an event; history keeps it.</summary>
public static partial class MemoriesApi
{
    public sealed record MemoryResponse(string MemoryId, long Version, bool Duplicate);

    public static RouteGroupBuilder MapMemoriesApi(this RouteGroupBuilder user)
    {
        var memories = user.MapGroup("/companions/{companionId}/memories");
        MapList(memories);
        memories.MapPost("/", Record).WithName("recordMemory")
            .WithSummary("Record a memory. Optional: validFrom/validTo, when its fact held in the world; supersedes, the id of the memory it replaces "
                + "(that one is kept as history, marked supersededBy, its validTo set to this one's validFrom or record time).")
            .ProducesProblems(ProblemResponses.JsonBody);
        memories.MapPut("/{memoryId}/pin", Pin).WithName("pinMemory").WithSummary("Pin or unpin a memory: {\"pinned\": true|false}.")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status409Conflict);
        memories.MapDelete("/{memoryId}", Forget).WithName("forgetMemory").WithSummary("Forget a memory (kept in history as an event).")
            .ProducesProblems(StatusCodes.Status409Conflict);
        return user;
    }

    private static async Task<Results<Created<MemoryResponse>, Ok<MemoryResponse>>> Record(
        string userId, string companionId, MemoryRequest body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).RecordMemory(companionId,
            new MemoryInput(body.Text ?? "", body.Kind, body.Salience, body.Pinned ?? false, body.RequestId,
                new MemorySupersession(body.Supersedes, body.ValidFrom, body.ValidTo)));
        var response = new MemoryResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> Pin(
        string userId, string companionId, string memoryId, PinRequest body, IGrainFactory grains)
    {
        if (body.Pinned is not { } pinned)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "'pinned' is required: true or false.");
        }

        var result = await CompanionsApi.User(grains, userId).PinMemory(companionId, memoryId, pinned);
        return TypedResults.Ok(new MemoryResponse(result.Id, result.Version, false));
    }

    private static async Task<Ok<MemoryResponse>> Forget(string userId, string companionId, string memoryId, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).ForgetMemory(companionId, memoryId);
        return TypedResults.Ok(new MemoryResponse(result.Id, result.Version, false));
    }
}
