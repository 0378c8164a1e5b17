namespace Companion.Client;

/// <summary>A webhook to register.</summary>
/// <param name="Url">Where each event is POSTed: https to a routable address (loopback only where the silo allows it).</param>
/// <param name="EventTypes">The event types to send (<c>message-recorded</c>, …); null or empty for all.</param>
/// <param name="IncludeContent">True to send the events' words (decrypted payloads) too; default false, figures only.</param>
public sealed record NewWebhook(string Url, IReadOnlyList<string>? EventTypes = null, bool? IncludeContent = null);

/// <summary>A webhook registered, with its signing secret, shown this once.</summary>
/// <param name="WebhookId">Its id.</param>
/// <param name="Secret">The Standard Webhooks signing secret (<c>whsec_…</c>); keep it, it is not shown again.</param>
/// <param name="Url">Where events go.</param>
/// <param name="EventTypes">The event types sent; empty for all.</param>
/// <param name="IncludeContent">Whether the events' words are sent.</param>
/// <param name="Enabled">Whether it is delivered to.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record WebhookCreated(
    string WebhookId, string Secret, string Url, IReadOnlyList<string> EventTypes, bool IncludeContent, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>A webhook as listed: everything but its secret.</summary>
/// <param name="WebhookId">Its id.</param>
/// <param name="Url">Where events go.</param>
/// <param name="EventTypes">The event types sent; empty for all.</param>
/// <param name="IncludeContent">Whether the events' words are sent.</param>
/// <param name="Enabled">Whether it is delivered to.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record Webhook(string WebhookId, string Url, IReadOnlyList<string> EventTypes, bool IncludeContent, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>A (webhook, user) pair whose delivery stopped after too many failures.</summary>
/// <param name="WebhookId">The webhook.</param>
/// <param name="UserId">The user whose events stopped.</param>
/// <param name="Version">The version that could not be delivered.</param>
/// <param name="Attempts">Attempts made at it.</param>
/// <param name="LastError">The last failure (a status or a connection error; never the event's words).</param>
/// <param name="ParkedAt">When delivery stopped.</param>
public sealed record WebhookDeadLetter(string WebhookId, string UserId, long Version, int Attempts, string LastError, DateTimeOffset ParkedAt);
