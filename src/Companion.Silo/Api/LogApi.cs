using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>The raw log (envelopes with their hashes) and the state derived from it.</summary>
public static class LogApi
{
    public const int MaxPage = 1000;

    public static RouteGroupBuilder MapLogApi(this RouteGroupBuilder user)
    {
        user.MapGet("/events", ReadEvents).WithSummary($"Envelopes from a version (default 1), at most 'limit' (default 100, max {MaxPage}), payloads as stored (encrypted) with each one's 'decryptedPayload'.");
        user.MapGet("/state", GetState).WithSummary("The state derived from the log, now or at a past version (atVersion, 1 to the head).");
        return user;
    }

    private static async Task<Results<EnvelopePage, ProblemHttpResult>> ReadEvents(
        string userId, LogPages pages, long? from, int? limit, CancellationToken cancellationToken)
    {
        var start = from ?? 1;
        var take = limit ?? 100;
        if (start < 1 || take is < 1 or > MaxPage)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                detail: $"'from' must be 1 or more and 'limit' 1 to {MaxPage}.");
        }

        return await pages.ReadAsync(userId, start, take, cancellationToken) is { } page
            ? new EnvelopePage(page)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such user.");
    }

    private static async Task<Ok<UserState>> GetState(string userId, IGrainFactory grains, long? atVersion)
    {
        var user = CompanionsApi.User(grains, userId);
        return TypedResults.Ok(atVersion is { } version ? (await user.GetStateAt(version)).State : await user.GetState());
    }

    /// <summary>Writes envelopes exactly as <see cref="EnvelopeJson"/> stores them, payloads verbatim, each followed by its payload decrypted.</summary>
    public sealed class EnvelopePage(LogPage page) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
            writer.WriteStartObject();
            writer.WriteNumber("headVersion", page.Head.Version);
            writer.WriteString("headHash", page.Head.Hash);
            if (page.Next is { } n)
            {
                writer.WriteNumber("next", n);
            }
            else
            {
                writer.WriteNull("next");
            }

            writer.WriteStartArray("events");
            foreach (var (stored, decrypted) in page.Entries)
            {
                EnvelopeJson.Write(writer, stored, decrypted);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }
}
