namespace Companion.Silo.Webhooks;

/// <summary>What <see cref="WebhookRegistryGrain"/> persists.</summary>
[GenerateSerializer]
public sealed class WebhookRegistryState
{
    [Id(0)]
    public List<WebhookSubscription> Subscriptions { get; set; } = [];

    [Id(1)]
    public List<WebhookDeadLetter> DeadLetters { get; set; } = [];
}
