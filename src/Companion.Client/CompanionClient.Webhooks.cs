namespace Companion.Client;

// The operator's webhooks (admin token): register, list, pause, delete; dead letters and replay.
public sealed partial class CompanionClient
{
    /// <summary>
    /// Registers a webhook; its signing secret is in the answer and never shown again:
    /// <c>POST /v1/webhooks</c> (admin). Refusals: 400 a URL that is not https to a routable address
    /// or an unknown event type (the detail lists the known ones), 403 not the admin.
    /// </summary>
    public Task<WebhookCreated> CreateWebhookAsync(NewWebhook webhook, CancellationToken cancellationToken = default) =>
        SendJsonAsync<NewWebhook, WebhookCreated>(HttpMethod.Post, Path("webhooks"), webhook, cancellationToken);

    /// <summary>Every webhook, without secrets: <c>GET /v1/webhooks</c> (admin; 403 otherwise).</summary>
    public Task<IReadOnlyList<Webhook>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<Webhook>>(Path("webhooks"), cancellationToken);

    /// <summary>Stops delivering to a webhook; each user's cursor is kept: <c>POST /v1/webhooks/{webhookId}/disable</c> (admin). Refusals: 404 no such webhook.</summary>
    public Task<Webhook> DisableWebhookAsync(string webhookId, CancellationToken cancellationToken = default) =>
        SendAsync<Webhook>(HttpMethod.Post, Path("webhooks", webhookId, "disable"), content: null, cancellationToken);

    /// <summary>Delivers to a webhook again, from where each user's delivery stopped: <c>POST /v1/webhooks/{webhookId}/enable</c> (admin). Refusals: 404 no such webhook.</summary>
    public Task<Webhook> EnableWebhookAsync(string webhookId, CancellationToken cancellationToken = default) =>
        SendAsync<Webhook>(HttpMethod.Post, Path("webhooks", webhookId, "enable"), content: null, cancellationToken);

    /// <summary>Deletes a webhook, its cursors and its dead letters: <c>DELETE /v1/webhooks/{webhookId}</c> (admin). Refusals: 404 no such webhook.</summary>
    public Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken = default) =>
        SendExpectingNoBodyAsync(HttpMethod.Delete, Path("webhooks", webhookId), content: null, cancellationToken);

    /// <summary>
    /// The (webhook, user) pairs whose delivery stopped after too many failures, with the version and
    /// the last error: <c>GET /v1/webhooks/dead-letters</c> (admin).
    /// </summary>
    public Task<IReadOnlyList<WebhookDeadLetter>> ListWebhookDeadLettersAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WebhookDeadLetter>>(Path("webhooks", "dead-letters"), cancellationToken);

    /// <summary>
    /// Delivers the user's events to the webhook again from <paramref name="fromVersion"/>, taking the
    /// pair off the dead-letter list; the silo accepts it and delivers in the background:
    /// <c>POST /v1/webhooks/{webhookId}/replay</c> (admin). Refusals: 400 no user or a version below 1, 404 no such webhook.
    /// </summary>
    public Task ReplayWebhookAsync(string webhookId, string userId, long fromVersion, CancellationToken cancellationToken = default) =>
        SendExpectingNoBodyAsync(HttpMethod.Post, Path("webhooks", webhookId, "replay"), System.Net.Http.Json.JsonContent.Create(new ReplayBody(userId, fromVersion), options: Json), cancellationToken);

    private sealed record ReplayBody(string UserId, long FromVersion);
}
