using System.Globalization;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Companion.Silo.Feed;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// The user's own live stream of their log, as Server-Sent Events: <c>id</c> is the version (so a
/// reconnecting client's <c>Last-Event-ID</c> resumes after it, without gaps), <c>event</c> the
/// type, <c>data</c> the event with its payload in the clear. The user's token only.
/// </summary>
public static class EventStreamApi
{
    public static RouteGroupBuilder MapEventStreamApi(this RouteGroupBuilder user)
    {
        user.MapGet("/events/stream", Open)
            .WithName("streamEvents")
            .WithSummary("The user's events live, as text/event-stream: from 'from' (default: what comes next), or after the Last-Event-ID header's version; id = version, event = type, data = {type, version, schemaVersion, occurredAt, payload} (the user's token only).")
            .AlsoProducesText(StatusCodes.Status200OK, "text/event-stream", "Server-Sent Events: 'id' the version, 'event' the type, 'data' one line of JSON; comments as heartbeats.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return user;
    }

    private static async Task<Results<EventStreamResult, ProblemHttpResult>> Open(
        string userId, long? from, HttpContext http, IGrainFactory grains, StreamSlots slots)
    {
        long? after = null;
        if (http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "'Last-Event-ID' must be the version of the last event received (the 'id' of an event of this stream).");
            }

            after = last;
        }

        if (from is < 1)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "'from' must be a version, 1 or more; leave it out to receive only what comes next.");
        }

        var grain = grains.GetUserGrain(userId);
        var head = await grain.WaitForVersion(long.MaxValue, TimeSpan.Zero);
        if (head == 0)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such user.");
        }

        if (slots.TryTake(userId) is not { } slot)
        {
            return Problems.Result(StatusCodes.Status429TooManyRequests,
                $"This user already has {slots.Limit} live streams open here; close one first. Reconnect with 'Last-Event-ID' to resume where a stream ended.");
        }

        return new EventStreamResult(userId, after ?? (from is { } f ? f - 1 : head), slot);
    }
}
