using System.Collections.Immutable;
using Companion.EventLog.Encryption;

namespace Companion.Silo.Webhooks;

/// <summary>
/// A webhook as grain storage holds it: its signing secret wrapped under the silo's master key
/// (AES-256-GCM, bound to the webhook's id), never in the clear. Every silo of a cluster is given
/// the same master key, so any of them can read it; a retired master key still unwraps it.
/// </summary>
[GenerateSerializer, Immutable, Alias("companion.protected-webhook")]
public sealed record ProtectedWebhook(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string Url,
    [property: Id(2)] ImmutableArray<string> EventTypes,
    [property: Id(3)] bool IncludeContent,
    [property: Id(4)] string MasterKeyId,
    [property: Id(5)] byte[] WrappedSecret,
    [property: Id(6)] bool Enabled,
    [property: Id(7)] DateTimeOffset CreatedAt)
{
    public static ProtectedWebhook Protect(WebhookSubscription subscription, MasterKeyRing ring)
    {
        var secret = WebhookSignature.SecretBytes(subscription.Secret);
        var wrapped = ring.Wrap(Purpose(subscription.WebhookId), secret);
        return new(subscription.WebhookId, subscription.Url, subscription.EventTypes, subscription.IncludeContent,
            wrapped.MasterKeyId, wrapped.Wrapped.ToArray(), subscription.Enabled, subscription.CreatedAt);
    }

    public WebhookSubscription Unprotect(MasterKeyRing ring)
    {
        var secret = ring.Unwrap(Purpose(WebhookId), new WrappedDataKey(MasterKeyId, WrappedSecret));
        return new(WebhookId, Url, EventTypes, IncludeContent, WebhookSignature.SecretPrefix + Convert.ToBase64String(secret), Enabled, CreatedAt);
    }

    // The associated data of the wrapping: a secret cannot be moved to another webhook, nor mistaken for a user's data key.
    private static string Purpose(string webhookId) => "webhook-secret:" + webhookId;
}
