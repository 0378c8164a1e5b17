namespace Companion.Domain.Events;

/// <summary>
/// Every access token of the user issued before <paramref name="RevokedBefore"/> stops working:
/// the user (or the operator) revoked them, for a lost phone or a leaked token.
/// </summary>
[EventType("access-revoked", 1), Immutable, GenerateSerializer, Alias("companion.access-revoked.v1")]
public sealed record AccessRevoked(
    [property: Id(0)] DateTimeOffset RevokedBefore,
    [property: Id(1)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>
/// An access token of the user was issued (a new device, or the operator provisioning the user's
/// app), so the user can see in their own log every token anyone was given for them. The token
/// itself is never recorded.
/// </summary>
/// <param name="IssuedBy">Who asked for it: <see cref="ByUser"/> (a token of the user) or <see cref="ByOperator"/> (the admin token).</param>
/// <param name="ExpiresAt">When the token stops working.</param>
/// <param name="OccurredAt">When it was issued.</param>
[EventType("access-granted", 1), Immutable, GenerateSerializer, Alias("companion.access-granted.v1")]
public sealed record AccessGranted(
    [property: Id(0)] string IssuedBy,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent
{
    /// <summary>Issued with a token of the user.</summary>
    public const string ByUser = "user";

    /// <summary>Issued with the operator's admin token.</summary>
    public const string ByOperator = "operator";
}
