using Companion.Grains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>What a companion remembers: record, pin, forget. Forgetting is an event; history keeps it.</summary>
public static class MemoriesApi
{
    public sealed record MemoryResponse(string MemoryId, long Version, bool Duplicate);

    public static RouteGroupBuilder MapMemoriesApi(this RouteGroupBuilder user)
    {
        var memories = user.MapGroup("/companions/{companionId}/memories");
        memories.MapPost("/", Record).WithSummary("Record a memory.");
        memories.MapPut("/{memoryId}/pin", Pin).WithSummary("Pin or unpin a memory: {\"pinned\": true|false}.");
        memories.MapDelete("/{memoryId}", Forget).WithSummary("Forget a memory (kept in history as an event).");
        return user;
    }

    private static async Task<Results<Created<MemoryResponse>, Ok<MemoryResponse>>> Record(
        string userId, string companionId, MemoryRequest body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).RecordMemory(companionId,
            new MemoryInput(body.Text ?? "", body.Kind, body.Salience, body.Pinned ?? false, body.RequestId));
        var response = new MemoryResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> Pin(
        string userId, string companionId, string memoryId, PinRequest body, IGrainFactory grains)
    {
        if (body.Pinned is not { } pinned)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "'pinned' is required: true or false.");
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
