namespace Companion.Domain.Events;

/// <summary>
/// Every access token of the user issued before <paramref name="RevokedBefore"/> stops working:
/// the user (or the operator) revoked them, for a lost phone or a leaked token.
/// </summary>
[EventType("access-revoked", 1), Immutable, GenerateSerializer, Alias("companion.access-revoked.v1")]
public sealed record AccessRevoked(
    [property: Id(0)] DateTimeOffset RevokedBefore,
    [property: Id(1)] DateTimeOffset OccurredAt) : UserEvent;
