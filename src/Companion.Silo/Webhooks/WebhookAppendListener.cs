using Companion.Grains;

namespace Companion.Silo.Webhooks;

/// <summary>Passes each durable append to the user's <see cref="IWebhookDeliveryGrain"/> as a one-way notice.</summary>
public sealed class WebhookAppendListener(IGrainFactory grains) : IAppendListener
{
    public void Appended(string userId, long version) =>
        grains.GetGrain<IWebhookDeliveryGrain>(userId).Notify(version).Ignore();
}
