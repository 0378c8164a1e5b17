namespace Companion.Domain.Events;

/// <summary>
/// Base of everything that can happen in a user's log. Events are past-tense facts: data only,
/// immutable, and never edited once written.
/// </summary>
[Immutable]
[GenerateSerializer]
[Alias("companion.user-event")]
public abstract record UserEvent
{
    /// <summary>When it happened (UTC). Stored in the envelope as well as in the payload.</summary>
    public abstract DateTimeOffset OccurredAt { get; init; }

    /// <summary>
    /// The client's key for the command that produced this event (a message id, say), so a
    /// retried command is recognised and answered with the original result.
    /// </summary>
    public virtual string? IdempotencyKey => null;

    /// <summary>
    /// The key a retry of this event's command is recognised by (<see cref="IdempotencyKey"/>
    /// scoped to what it identifies); null when the command carried none. A method, not a
    /// property, so it never reaches the stored payload.
    /// </summary>
    public virtual RequestKey? KeyedBy() => null;

    /// <summary>
    /// What the command asked for, as a <see cref="RequestFingerprint"/>: the client's inputs, not
    /// what the service chose (ids, times). A key that comes back with another fingerprint is
    /// another request, refused rather than answered as a retry.
    /// </summary>
    public virtual string Fingerprint() => RequestFingerprint.Of();
}
