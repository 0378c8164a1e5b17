using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// Reflection and continuity settings of the person: the daily check-in (a durable reminder),
/// the opt-in rhythm view (their eyes only), and a companion's pinned model runtime.
/// </summary>
public static class ReflectionApi
{
    /// <summary>The check-in in force and when it next falls due.</summary>
    public sealed record CheckInResponse(string TimeOfDay, string TimeZone, DateTimeOffset Since, DateTimeOffset NextDueAt, DateOnly NextDueDate, DateOnly? LastDueDate);

    /// <summary>A change of a setting: the stream version after it, and whether it was already so (nothing written).</summary>
    public sealed record SettingResponse(long Version, bool Duplicate);

    /// <summary>The pinned runtime of a companion.</summary>
    public sealed record RuntimePinResponse(string CompanionId, ModelRuntime Pinned, long Version, bool Duplicate);

    public static RouteGroupBuilder MapReflectionApi(this RouteGroupBuilder user)
    {
        user.MapPut("/check-in", ScheduleCheckIn)
            .WithName("scheduleCheckIn")
            .ProducesProblems(ProblemResponses.JsonBody)
            .WithSummary("Schedule (or move) the daily check-in: {timeOfDay: \"HH:mm\", timeZone: IANA name}. When due, the log records check-in-due once for that local date.");
        user.MapDelete("/check-in", CancelCheckIn)
            .WithName("cancelCheckIn")
            .WithSummary("Turn the daily check-in off; with none scheduled, nothing is written (duplicate: true).");
        user.MapGet("/check-in", GetCheckIn)
            .WithName("getCheckIn")
            .WithSummary("The daily check-in in force and when it next falls due; 404 when none is scheduled.");
        user.MapPut("/rhythm", EnableRhythm)
            .WithName("enableRhythm")
            .ProducesProblems(StatusCodes.Status403Forbidden)
            .WithSummary("Turn the rhythm view on (off by default; the user's own token only).");
        user.MapDelete("/rhythm", DisableRhythm)
            .WithName("disableRhythm")
            .ProducesProblems(StatusCodes.Status403Forbidden)
            .WithSummary("Turn the rhythm view off; the history of the choice is kept.");
        user.MapGet("/rhythm", GetRhythm)
            .WithName("getRhythm")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict)
            .WithSummary("How you use your companions (?by=week|month): sessions, messages, late-night share (23:00-05:00 in the check-in's time zone, else UTC), " +
                "the longest stretch away, days with a journal entry naming someone vs days with only companions. 409 while off; the user's own token only.");
        user.MapPut("/companions/{companionId}/runtime", PinRuntime)
            .WithName("pinRuntime")
            .ProducesProblems(ProblemResponses.JsonBody)
            .WithSummary("Pin the model the companion should keep speaking with: {modelId, runtime?, runtimeVersion?}. The context carries it; messages from another producer are flagged.");
        return user;
    }

    private static async Task<Ok<CheckInResponse>> ScheduleCheckIn(string userId, CheckInRequest body, IGrainFactory grains)
    {
        var user = CompanionsApi.User(grains, userId);
        await user.ScheduleCheckIn(body.TimeOfDay, body.TimeZone);
        return TypedResults.Ok(ToResponse(await user.GetCheckIn() ?? throw new InvalidOperationException("A check-in was scheduled and is not in force.")));
    }

    private static async Task<Ok<SettingResponse>> CancelCheckIn(string userId, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).CancelCheckIn();
        return TypedResults.Ok(new SettingResponse(result.Version, result.Duplicate));
    }

    private static async Task<Results<Ok<CheckInResponse>, ProblemHttpResult>> GetCheckIn(string userId, IGrainFactory grains) =>
        await CompanionsApi.User(grains, userId).GetCheckIn() is { } checkIn
            ? TypedResults.Ok(ToResponse(checkIn))
            : Problems.Result(StatusCodes.Status404NotFound, "No daily check-in is scheduled. PUT …/check-in {timeOfDay: \"HH:mm\", timeZone} schedules one.");

    private static Task<Ok<SettingResponse>> EnableRhythm(string userId, IGrainFactory grains) =>
        SetRhythm(userId, grains, enabled: true);

    private static Task<Ok<SettingResponse>> DisableRhythm(string userId, IGrainFactory grains) =>
        SetRhythm(userId, grains, enabled: false);

    private static async Task<Ok<SettingResponse>> SetRhythm(string userId, IGrainFactory grains, bool enabled)
    {
        var result = await CompanionsApi.User(grains, userId).SetRhythm(enabled);
        return TypedResults.Ok(new SettingResponse(result.Version, result.Duplicate));
    }

    private static async Task<Results<Ok<Rhythm>, ProblemHttpResult>> GetRhythm(string userId, string? by, IGrainFactory grains)
    {
        RhythmPeriodKind? kind = by switch
        {
            null or "week" => RhythmPeriodKind.Week,
            "month" => RhythmPeriodKind.Month,
            _ => null,
        };
        return kind is { } period
            ? TypedResults.Ok(await CompanionsApi.User(grains, userId).GetRhythm(period))
            : Problems.Result(StatusCodes.Status400BadRequest, $"'by' must be 'week' or 'month', not '{by}'.");
    }

    private static async Task<Ok<RuntimePinResponse>> PinRuntime(string userId, string companionId, RuntimePinRequest body, IGrainFactory grains)
    {
        var user = CompanionsApi.User(grains, userId);
        var pin = body.ToPin();
        var result = await user.PinRuntime(companionId, pin);
        return TypedResults.Ok(new RuntimePinResponse(companionId, pin, result.Version, result.Duplicate));
    }

    private static CheckInResponse ToResponse(CheckInView view) =>
        new(view.TimeOfDay, view.TimeZone, view.Since, view.NextDueAt, view.NextDueDate, view.LastDueDate);
}
