using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Companion.Silo.Webhooks;

/// <summary>
/// The operator's webhook subscriptions and the dead-letter list, one per cluster (key 0), in
/// grain storage (<c>grain-state.db</c> embedded, Azure Table storage in a cluster).
/// </summary>
public interface IWebhookRegistryGrain : IGrainWithIntegerKey
{
    Task<WebhookSubscription> Add(WebhookSubscription subscription);

    /// <summary>Every subscription, enabled or not.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<WebhookSubscription>> List();

    /// <summary>Turns delivery to a webhook on or off; null when there is no such webhook.</summary>
    Task<WebhookSubscription?> SetEnabled(string webhookId, bool enabled);

    /// <summary>Removes a webhook and its dead letters; false when there was none.</summary>
    Task<bool> Remove(string webhookId);

    Task Park(WebhookDeadLetter deadLetter);

    Task Unpark(string webhookId, string userId);

    [AlwaysInterleave]
    Task<ImmutableArray<WebhookDeadLetter>> DeadLetters();
}
