namespace Companion.Domain.Events;

// Soft resets: a reset hides a companion's earlier memories and messages from its context, and
// deletes nothing; undoing it brings them back exactly. Both are facts in the log, like the rest.
// Both carry the client's optional request id: a retried undo must not undo an older reset too.

[EventType("companion-reset", 1), Immutable, GenerateSerializer, Alias("companion.companion-reset.v1")]
public sealed record CompanionReset(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string ResetId,
    [property: Id(2)] string? Reason,
    [property: Id(4)] string? RequestId,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>A reset's request id is scoped to its companion.</summary>
    public static RequestKey? KeyOf(string companionId, string? requestId) => RequestKey.For<CompanionReset>(requestId, companionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, RequestId);

    public override string Fingerprint() => RequestFingerprint.Of(Reason);
}

[EventType("companion-reset-undone", 1), Immutable, GenerateSerializer, Alias("companion.companion-reset-undone.v1")]
public sealed record CompanionResetUndone(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string ResetId,
    [property: Id(3)] string? RequestId,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>An undo's request id is scoped to its companion.</summary>
    public static RequestKey? KeyOf(string companionId, string? requestId) => RequestKey.For<CompanionResetUndone>(requestId, companionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, RequestId);
}
