using System.Collections.Immutable;

namespace Companion.Silo.Webhooks;

/// <summary>
/// An operator's webhook: where to POST, which event types (empty: all), and whether the events'
/// words go with them (off unless the operator turned it on for this subscription). The secret
/// signs every delivery and is shown once, when the webhook is created.
/// </summary>
[GenerateSerializer, Immutable, Alias("companion.webhook-subscription")]
public sealed record WebhookSubscription(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string Url,
    [property: Id(2)] ImmutableArray<string> EventTypes,
    [property: Id(3)] bool IncludeContent,
    [property: Id(4)] string Secret,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] DateTimeOffset CreatedAt)
{
    /// <summary>Whether an event of <paramref name="type"/> goes to this webhook.</summary>
    public bool Wants(string type) => EventTypes.IsDefaultOrEmpty || EventTypes.Contains(type, StringComparer.Ordinal);
}

/// <summary>A (webhook, user) pair whose delivery stopped at <see cref="Version"/> after <see cref="Attempts"/> failures; replay resumes it.</summary>
[GenerateSerializer, Immutable, Alias("companion.webhook-dead-letter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string UserId,
    [property: Id(2)] long Version,
    [property: Id(3)] int Attempts,
    [property: Id(4)] string LastError,
    [property: Id(5)] DateTimeOffset ParkedAt);
