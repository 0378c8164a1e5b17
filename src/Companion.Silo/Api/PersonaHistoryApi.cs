using System.Collections.Immutable;
using System.Text.Json;
using Companion.Domain.Commands;
using Companion.Domain.Projections;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// Personality continuity: every version of a companion's persona, what differs between two,
/// putting one back (as a new revision), and what changed about the companion and when.
/// </summary>
public static class PersonaHistoryApi
{
    /// <summary>Every version of a persona, oldest first.</summary>
    public sealed record PersonaHistoryResponse(string CompanionId, long Head, ImmutableArray<PersonaVersion> Versions);

    /// <summary>The fields that differ from one version to another.</summary>
    public sealed record PersonaDiffResponse(long From, long To, ImmutableArray<FieldChange> Changes);

    /// <summary>One field that differs: <c>added</c>, <c>removed</c> or <c>changed</c>, its values as JSON (absent: null).</summary>
    public sealed record FieldChange(string Field, string Change, JsonElement? Before, JsonElement? After);

    /// <summary>What changed about a companion, newest first.</summary>
    public sealed record CompanionChangesResponse(string CompanionId, ImmutableArray<CompanionChange> Changes);

    /// <summary>A restore: the revision that recorded it (or, for a repeat, the one that already did).</summary>
    public sealed record PersonaRestoredResponse(string CompanionId, long Version, bool Duplicate);

    public static RouteGroupBuilder MapPersonaHistoryApi(this RouteGroupBuilder user)
    {
        var companion = user.MapGroup("/companions/{companionId}");
        companion.MapGet("/persona/history", History)
            .WithName("getPersonaHistory")
            .WithSummary("Every version of the persona (its creation and each revision), with version, time, reason and the whole persona then.");
        companion.MapGet("/persona/diff", Diff)
            .WithName("getPersonaDiff")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithSummary("The fields that differ between two persona versions (?from=&to=, versions from the history): added, removed or changed, before and after; extensions key by key.");
        companion.MapPost("/persona/restore", Restore)
            .WithName("restorePersona")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status409Conflict)
            .WithSummary("Put the persona back as it was ({atVersion | asOf, reason, requestId?}), recorded as a new revision; history is never rewritten. " +
                "A repeated keyed restore that is still the newest version writes nothing; 409 when the persona already is as it was.");
        companion.MapGet("/changes", Changes)
            .WithName("getCompanionChanges")
            .WithSummary("What changed about this companion and when, newest first, in plain words: persona revisions and restores, model or runtime changes, resets and undos, memories forgotten.");
        return user;
    }

    private static async Task<Ok<PersonaHistoryResponse>> History(string userId, string companionId, IGrainFactory grains)
    {
        var history = await CompanionsApi.User(grains, userId).GetPersonaHistory(companionId);
        return TypedResults.Ok(new PersonaHistoryResponse(history.CompanionId, history.Head, history.Versions));
    }

    private static async Task<Results<Ok<PersonaDiffResponse>, ProblemHttpResult>> Diff(
        string userId, string companionId, long? from, long? to, IGrainFactory grains)
    {
        if (from is not { } older || to is not { } newer)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Send both 'from' and 'to': versions from GET …/persona/history.");
        }

        var changes = await CompanionsApi.User(grains, userId).GetPersonaDiff(companionId, older, newer);
        return TypedResults.Ok(new PersonaDiffResponse(older, newer, [.. changes.Select(c => new FieldChange(c.Field, c.Change, Json(c.Before), Json(c.After)))]));
    }

    private static async Task<Results<Created<PersonaRestoredResponse>, Ok<PersonaRestoredResponse>>> Restore(
        string userId, string companionId, PersonaRestoreRequest body, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId)
            .RestorePersona(companionId, new PersonaRestore(body.AtVersion, body.AsOf, body.Reason, body.RequestId));
        var response = new PersonaRestoredResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created($"/v1/users/{userId}/companions/{companionId}/persona/history", response);
    }

    private static async Task<Ok<CompanionChangesResponse>> Changes(string userId, string companionId, IGrainFactory grains) =>
        TypedResults.Ok(new CompanionChangesResponse(companionId, await CompanionsApi.User(grains, userId).GetCompanionChanges(companionId)));

    private static JsonElement? Json(string? text) =>
        text is null ? null : JsonSerializer.Deserialize<JsonElement>(text);
}
