using System.Collections.Immutable;
using Companion.EventLog;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Operators;
using Companion.Silo.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// The webhooks section of the companion panel, under <c>/admin/api/webhooks</c>. The panel's
/// admin session cookie is accepted only on the operators' pages, never on <c>/v1</c>, so the
/// panel calls these: the same operations as <c>/v1/webhooks</c> (same handlers), with the
/// figures the panel shows — dead letters per webhook, and each dead letter's event type.
/// Nothing here answers a word anyone wrote, and no secret.
/// </summary>
public static class OperatorsWebhooksApi
{
    public static RouteGroupBuilder MapPanelWebhooks(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks");
        webhooks.MapGet("", List).WithName("getPanelWebhooks")
            .WithSummary("Every webhook for the companion panel, without secrets, with how many of its users are dead-lettered (admin).");
        webhooks.MapGet("/dead-letters", DeadLetters).WithName("getPanelWebhookDeadLetters")
            .WithSummary("The dead-letter list for the companion panel, newest first, each with the type of the event delivery stopped at (admin; no words).");
        webhooks.MapPost("/{webhookId}/disable", (string webhookId, IGrainFactory grains, WebhookAppendListener feed) => WebhooksApi.SetEnabled(webhookId, false, grains, feed))
            .WithName("disablePanelWebhook").WithSummary("The panel's disable button: as POST /v1/webhooks/{webhookId}/disable (admin).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId}/enable", (string webhookId, IGrainFactory grains, WebhookAppendListener feed) => WebhooksApi.SetEnabled(webhookId, true, grains, feed))
            .WithName("enablePanelWebhook").WithSummary("The panel's enable button: as POST /v1/webhooks/{webhookId}/enable (admin).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{webhookId}", WebhooksApi.Delete).WithName("deletePanelWebhook")
            .WithSummary("The panel's delete button: as DELETE /v1/webhooks/{webhookId} (admin).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId}/replay", WebhooksApi.Replay).WithName("replayPanelWebhook")
            .WithSummary("The panel's replay button: as POST /v1/webhooks/{webhookId}/replay {userId, fromVersion} (admin).")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<ImmutableArray<PanelWebhook>>> List(IGrainFactory grains)
    {
        var registry = grains.GetGrain<IWebhookRegistryGrain>(0);
        return TypedResults.Ok(PanelWebhooks.Of(await registry.List(), await registry.DeadLetters()));
    }

    private static async Task<Ok<ImmutableArray<PanelDeadLetter>>> DeadLetters(IGrainFactory grains, IEventLog log, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PanelWebhooks.WithEventTypesAsync(await grains.GetGrain<IWebhookRegistryGrain>(0).DeadLetters(), log, cancellationToken));
}
