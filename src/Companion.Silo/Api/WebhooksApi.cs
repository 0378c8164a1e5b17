using System.Collections.Immutable;
using Companion.Domain;
using Companion.Grains;
using Companion.History;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// The operator's webhooks (admin): register, list, disable or enable, delete; the dead-letter
/// list and replay from a version. Deliveries themselves are <see cref="WebhookDeliveryGrain"/>'s.
/// </summary>
public static class WebhooksApi
{
    /// <summary>A webhook as listed: everything but its secret, which is shown only when it is created.</summary>
    public sealed record WebhookView(string WebhookId, string Url, ImmutableArray<string> EventTypes, bool IncludeContent, bool Enabled, DateTimeOffset CreatedAt)
    {
        public static WebhookView Of(WebhookSubscription s) => new(s.WebhookId, s.Url, s.EventTypes, s.IncludeContent, s.Enabled, s.CreatedAt);
    }

    /// <summary>A new webhook and its signing secret (<c>whsec_…</c>, Standard Webhooks); keep it, it is not shown again.</summary>
    public sealed record WebhookCreated(string WebhookId, string Secret, string Url, ImmutableArray<string> EventTypes, bool IncludeContent, bool Enabled, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks").RequireAuthorization(Policies.Admin).WithTags("Webhooks")
            .ProducesProblems(StatusCodes.Status403Forbidden);
        webhooks.MapPost("", Create).WithName("createWebhook")
            .WithSummary("Register a webhook {url, eventTypes, includeContent}: 201 {webhookId, secret (whsec_…)}; https only, never link-local or metadata addresses (admin).")
            .ProducesProblems(ProblemResponses.JsonBody);
        webhooks.MapGet("", List).WithName("listWebhooks").WithSummary("Every webhook, without secrets (admin).");
        webhooks.MapPost("/{webhookId}/disable", (string webhookId, IGrainFactory grains, WebhookAppendListener feed) => SetEnabled(webhookId, false, grains, feed))
            .WithName("disableWebhook").WithSummary("Stop delivering to a webhook; its cursors are kept (admin).").ProducesProblems(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId}/enable", (string webhookId, IGrainFactory grains, WebhookAppendListener feed) => SetEnabled(webhookId, true, grains, feed))
            .WithName("enableWebhook").WithSummary("Deliver to a webhook again, from where each user's delivery stopped (admin).").ProducesProblems(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{webhookId}", Delete).WithName("deleteWebhook")
            .WithSummary("Delete a webhook, its cursors and its dead letters (admin).").ProducesProblems(StatusCodes.Status404NotFound);
        webhooks.MapGet("/dead-letters", DeadLetters).WithName("listWebhookDeadLetters")
            .WithSummary("(webhook, user) pairs whose delivery stopped after too many failures, with the version and the last error (admin).");
        webhooks.MapPost("/{webhookId}/replay", Replay).WithName("replayWebhook")
            .WithSummary("Deliver a user's events to a webhook again from a version, taking the pair off the dead-letter list (admin).")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Created<WebhookCreated>, ProblemHttpResult>> Create(
        CreateWebhookRequest body, IGrainFactory grains, WebhookPolicy policy, EventTypeRegistry registry, TimeProvider clock, WebhookAppendListener feed, CancellationToken cancellationToken)
    {
        if (body.Url is not { } url)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Send {\"url\": \"https://…\"}: where to POST each event. Nothing was registered.");
        }

        if (await WebhookTargets.RefuseUrlAsync(url, policy.AllowLoopback, cancellationToken) is { } refused)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, refused + " Nothing was registered.");
        }

        var known = registry.EventTypes.Select(t => registry.NameOf(t).Name).ToHashSet(StringComparer.Ordinal);
        var types = (body.EventTypes ?? []).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (types.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
        {
            return Problems.Result(StatusCodes.Status400BadRequest,
                $"'{unknown}' is not an event type. Leave 'eventTypes' out for every type, or name some of: {string.Join(", ", known.Order(StringComparer.Ordinal))}. Nothing was registered.");
        }

        var subscription = new WebhookSubscription(Ids.New("wh"), url, types, body.IncludeContent ?? false, WebhookSignature.NewSecret(), true, clock.GetUtcNow());
        await grains.GetGrain<IWebhookRegistryGrain>(0).Add(subscription);
        feed.WebhooksChanged();
        return TypedResults.Created($"/v1/webhooks/{subscription.WebhookId}", new WebhookCreated(
            subscription.WebhookId, subscription.Secret, subscription.Url, subscription.EventTypes, subscription.IncludeContent, subscription.Enabled, subscription.CreatedAt));
    }

    private static async Task<Ok<ImmutableArray<WebhookView>>> List(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IWebhookRegistryGrain>(0).List()).Select(WebhookView.Of).ToImmutableArray());

    internal static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> SetEnabled(string webhookId, bool enabled, IGrainFactory grains, WebhookAppendListener feed)
    {
        if (await grains.GetGrain<IWebhookRegistryGrain>(0).SetEnabled(webhookId, enabled) is not { } changed)
        {
            return NoSuchWebhook(webhookId);
        }

        if (enabled)
        {
            feed.WebhooksChanged();
        }

        return TypedResults.Ok(WebhookView.Of(changed));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(string webhookId, IGrainFactory grains) =>
        await grains.GetGrain<IWebhookRegistryGrain>(0).Remove(webhookId) ? TypedResults.NoContent() : NoSuchWebhook(webhookId);

    private static async Task<Ok<ImmutableArray<WebhookDeadLetter>>> DeadLetters(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWebhookRegistryGrain>(0).DeadLetters());

    internal static async Task<Results<Accepted, ProblemHttpResult>> Replay(string webhookId, ReplayWebhookRequest body, IGrainFactory grains)
    {
        if (body is not { UserId: { } userId, FromVersion: { } fromVersion } || !UserIds.IsValid(userId) || fromVersion < 1)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Send {\"userId\": \"u_…\", \"fromVersion\": 1 or more}: the user whose events to deliver again, and the first version to send.");
        }

        if (!(await grains.GetGrain<IWebhookRegistryGrain>(0).List()).Any(s => s.WebhookId == webhookId))
        {
            return NoSuchWebhook(webhookId);
        }

        await grains.GetGrain<IWebhookDeliveryGrain>(userId).Replay(webhookId, fromVersion);
        return TypedResults.Accepted($"/v1/webhooks/dead-letters");
    }

    private static ProblemHttpResult NoSuchWebhook(string webhookId) =>
        Problems.Result(StatusCodes.Status404NotFound, $"There is no webhook '{webhookId}'; GET /v1/webhooks lists them.");
}

/// <summary>A webhook to register: an https URL, the event types to send (none: all), and whether to send the events' words (default false).</summary>
public sealed record CreateWebhookRequest(string? Url, ImmutableArray<string>? EventTypes = null, bool? IncludeContent = null);

/// <summary>Which user's events to deliver again, from which version.</summary>
public sealed record ReplayWebhookRequest(string? UserId, long? FromVersion);
