namespace Companion.Testing.Webhooks;

/// <summary>
/// One delivery a <see cref="WebhookReceiver"/> accepted: its Standard Webhooks id, whose event it
/// was, its type, whether the event's words came with it, and the body as it arrived.
/// </summary>
public sealed record WebhookDelivery(string WebhookId, string UserId, long Version, string Type, bool HasContent, string Body);
