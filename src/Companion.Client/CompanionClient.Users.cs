namespace Companion.Client;

// Users and their tokens; erasure.
public sealed partial class CompanionClient
{
    /// <summary>Creates a user (admin token) and issues the user's bearer token: <c>POST /v1/users</c>.</summary>
    public Task<UserCreated> CreateUserAsync(string displayName, CancellationToken cancellationToken = default) =>
        SendJsonAsync<CreateUserBody, UserCreated>(HttpMethod.Post, Path("users"), new(displayName), cancellationToken);

    /// <summary>Issues another token for the user: <c>POST /v1/users/{userId}/tokens</c>.</summary>
    public Task<TokenIssued> IssueTokenAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<TokenIssued>(HttpMethod.Post, UserPath(userId, "tokens"), content: null, cancellationToken);

    /// <summary>Revokes every token of the user issued before now and issues a fresh one: <c>POST /v1/users/{userId}/tokens/revoke</c>.</summary>
    public Task<TokensRevoked> RevokeTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<TokensRevoked>(HttpMethod.Post, UserPath(userId, "tokens", "revoke"), content: null, cancellationToken);

    /// <summary>
    /// Erases the user for real: the data key is destroyed, then every event and snapshot;
    /// afterwards every call for the user throws with 410 Gone: <c>DELETE /v1/users/{userId}</c>.
    /// </summary>
    public Task<UserErased> EraseUserAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<UserErased>(HttpMethod.Delete, UserPath(userId), content: null, cancellationToken);

    private sealed record CreateUserBody(string DisplayName);
}
