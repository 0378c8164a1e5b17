namespace Companion.Silo.Webhooks;

/// <summary>What <see cref="WebhookRegistryGrain"/> persists.</summary>
[GenerateSerializer]
public sealed class WebhookRegistryState
{
    /// <summary>Webhooks stored before secrets were encrypted at rest; moved to <see cref="Webhooks"/> when the registry activates.</summary>
    [Id(0)]
    public List<WebhookSubscription> Subscriptions { get; set; } = [];

    [Id(1)]
    public List<WebhookDeadLetter> DeadLetters { get; set; } = [];

    /// <summary>The webhooks, their secrets wrapped under the master key.</summary>
    [Id(2)]
    public List<ProtectedWebhook> Webhooks { get; set; } = [];
}
