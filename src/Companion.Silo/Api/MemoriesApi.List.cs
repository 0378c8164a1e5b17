using Companion.Domain.Commands;
using Companion.Domain.Projections;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Listing a companion's memories now or in the past, by log version, log time or world time.</summary>
public static partial class MemoriesApi
{
    private static void MapList(RouteGroupBuilder memories) =>
        memories.MapGet("/", List).WithName("listMemories")
            .WithSummary("A companion's memories, oldest first, forgotten ones left out. "
                + "By default the current facts: memories superseded by a newer one, and memories whose fact ended (validTo passed, by now or by asOf when given), "
                + "are history and left out unless includeSuperseded=true. "
                + PastStates.AtVersionMeaning + " " + PastStates.AsOfMeaning + " "
                + "validAt (world time): only the memories whose fact held then (validFrom <= validAt < validTo, a missing bound open), superseded and ended ones included.")
            .ProducesProblems(StatusCodes.Status400BadRequest);

    private static async Task<Ok<MemoryList>> List(
        string userId, string companionId, IGrainFactory grains, TimeProvider clock, long? atVersion, DateTimeOffset? asOf, DateTimeOffset? validAt, bool? includeSuperseded)
    {
        var state = await PastStates.Resolve(CompanionsApi.User(grains, userId), atVersion, asOf);
        var companion = state.Companions.TryGetValue(companionId, out var found)
            ? found
            : throw DomainException.NotFound(atVersion is null && asOf is null
                ? $"No companion '{companionId}' for this user."
                : $"No companion '{companionId}' for this user at that point: it was created later, or never.");
        // "Current" is judged at the time the list is of: asOf when given (as the log would have answered then), else now.
        return TypedResults.Ok(MemoryList.Of(companion, state.Version, validAt, includeSuperseded ?? false, asOf ?? clock.GetUtcNow()));
    }
}
