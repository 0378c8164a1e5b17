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
}
