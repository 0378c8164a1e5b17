namespace Companion.Client;

/// <summary>A user the admin created: the id and the user's own bearer token.</summary>
/// <param name="UserId">The new user's id.</param>
/// <param name="Token">The user's bearer token; it reaches only this user.</param>
/// <param name="TokenExpiresAt">When the token stops being accepted.</param>
/// <param name="Version">The user's log version after registering (1).</param>
public sealed record UserCreated(string UserId, string Token, DateTimeOffset TokenExpiresAt, long Version);

/// <summary>Another token for a user.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="Version">The log version of the <c>access-granted</c> event that records it (who issued it, never the token).</param>
public sealed record TokenIssued(string Token, DateTimeOffset ExpiresAt, long Version);

/// <summary>Every earlier token of a user revoked; a fresh one to go on with.</summary>
/// <param name="Token">The fresh bearer token.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="RevokedBefore">Tokens issued before this time are refused from now on.</param>
/// <param name="Version">The log version of the <c>access-revoked</c> event.</param>
public sealed record TokensRevoked(string Token, DateTimeOffset ExpiresAt, DateTimeOffset RevokedBefore, long Version);

/// <summary>A user erased for real: the data key destroyed, the events deleted.</summary>
/// <param name="UserId">The erased user's id, never used again.</param>
/// <param name="Erased">True.</param>
public sealed record UserErased(string UserId, bool Erased);

/// <summary>An event the call appended, named by the id it concerns.</summary>
/// <param name="Id">The companion, session or other id the event concerns.</param>
/// <param name="Version">The user's log version of the event.</param>
public sealed record EventAppended(string Id, long Version);
