using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Creating users (admin only) and issuing their tokens.</summary>
public static class UsersApi
{
    public sealed record UserCreated(string UserId, string Token, DateTimeOffset TokenExpiresAt, long Version);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/users", CreateUser)
            .RequireAuthorization(Policies.Admin)
            .WithName("createUser")
            .WithSummary("Create a user and issue the user's bearer token (admin).")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status403Forbidden);
        return v1;
    }

    private static async Task<Created<UserCreated>> CreateUser(CreateUserRequest body, IGrainFactory grains, AccessTokens tokens)
    {
        var userId = Ids.New("u");
        var result = await grains.GetUserGrain(userId).Register(body.DisplayName ?? "");
        var token = tokens.IssueUserToken(userId);
        return TypedResults.Created($"/v1/users/{userId}/state", new UserCreated(userId, token.Token, token.ExpiresAt, result.Version));
    }
}
