using Companion.Grains;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>A user's access tokens: a new one, or revoking every earlier one (a lost phone, a leaked token).</summary>
public static class TokensApi
{
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, long Version);

    public sealed record RevokedResponse(string Token, DateTimeOffset ExpiresAt, DateTimeOffset RevokedBefore, long Version);

    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder user)
    {
        user.MapPost("/tokens", Issue)
            .AllowOperator()
            .WithName("issueToken")
            .WithSummary("Issue another token for this user (the user's token, or the admin's to provision the user's app). The user's log records access-granted (who issued it and when it expires, never the token) before the token is answered.");
        user.MapPost("/tokens/revoke", Revoke)
            .AllowOperator()
            .WithName("revokeTokens")
            .WithSummary("Revoke every token of this user issued before now; the answer holds a fresh one.");
        return user;
    }

    // The user's log records the grant before the token is handed over: a token the log does not show is never given out.
    private static async Task<Created<TokenResponse>> Issue(string userId, HttpContext http, IGrainFactory grains, AccessTokens tokens)
    {
        var token = tokens.IssueUserToken(userId);
        var granted = await CompanionsApi.User(grains, userId).GrantAccess(http.User.IsAdmin(), token.ExpiresAt);
        return TypedResults.Created((string?)null, new TokenResponse(token.Token, token.ExpiresAt, granted.Version));
    }

    // This silo forgets its remembered revocation time before answering: the revoked tokens stop working here at once.
    private static async Task<Ok<RevokedResponse>> Revoke(string userId, IGrainFactory grains, AccessTokens tokens, TokenRevocations revocations)
    {
        var user = CompanionsApi.User(grains, userId);
        var result = await user.RevokeAccess();
        var validFrom = await user.GetTokensValidFrom();
        revocations.Revoked(userId, validFrom);
        var revokedBefore = validFrom ?? DateTimeOffset.UtcNow;
        var token = tokens.IssueUserToken(userId);
        return TypedResults.Ok(new RevokedResponse(token.Token, token.ExpiresAt, revokedBefore, result.Version));
    }
}
