using Companion.Domain.Commands;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>What a companion remembers: record, supersede, end, pin, forget, list. Each change is an event; history keeps it.</summary>
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
        memories.MapPost("/{memoryId}/end", End).WithName("endMemory")
            .WithSummary("Say a memory's fact stopped holding, with nothing in its place ({validTo?, reason?, requestId?}); the memory is kept as history.")
            .WithDescription("\"I no longer work at the bakery\", \"we broke up on 3 March\": records memory-ended. validTo is when the fact stopped holding "
                + "(world time; now when left out; it may lie ahead). The memory keeps everything but its validTo: once that has passed it is history, "
                + "left out of the context, search and the default memory list (includeSuperseded=true lists it; validAt before its end finds it). "
                + "A fact ends once: 409 when the memory already has a validTo, was superseded (end its successor) or was forgotten; 404 when there is "
                + "no such memory; 400 when validTo is not after the memory's validFrom. A repeated requestId answers the first result (200, duplicate: true) and writes nothing.")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
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

    private static async Task<Ok<MemoryResponse>> End(
        string userId, string companionId, string memoryId, EndMemoryRequest? body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).EndMemory(companionId, memoryId,
            new MemoryEnding(body?.ValidTo, body?.Reason, body?.RequestId));
        return TypedResults.Ok(new MemoryResponse(result.Id, result.Version, result.Duplicate));
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
