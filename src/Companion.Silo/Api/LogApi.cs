using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Companion.Silo.Api;

/// <summary>The raw log (envelopes with their hashes) and the state derived from it.</summary>
public static class LogApi
{
    public const int MaxPage = 1000;

    /// <summary>
    /// A page ends early, with <c>next</c> saying where to go on, once its payloads (stored and
    /// decrypted) reach this many bytes (<c>Companion:MaxLogPageBytes</c>): a page's memory is
    /// bounded whatever the events' sizes.
    /// </summary>
    public const int MaxPageBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapLogApi(this RouteGroupBuilder user)
    {
        user.MapGet("/events", ReadEvents).WithName("readEvents").ProducesProblems(StatusCodes.Status400BadRequest).WithSummary($"Envelopes from a version (default 1), at most 'limit' (default 100, max {MaxPage}) and about {MaxPageBytes / (1024 * 1024)} MB (then 'next' says where to go on), payloads as stored (encrypted) with each one's 'decryptedPayload'.");
        user.MapGet("/state", GetState).WithName("getState").ProducesProblems(StatusCodes.Status400BadRequest).WithSummary("The state derived from the log, now or in the past. " + PastStates.AtVersionMeaning + " " + PastStates.AsOfMeaning);
        return user;
    }

    private static async Task<Results<EnvelopePage, ProblemHttpResult>> ReadEvents(
        string userId, LogPages pages, IConfiguration configuration, long? from, int? limit, CancellationToken cancellationToken)
    {
        var maxBytes = configuration.GetValue("Companion:MaxLogPageBytes", MaxPageBytes);
        var start = from ?? 1;
        var take = limit ?? 100;
        if (start < 1 || take is < 1 or > MaxPage)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'from' must be 1 or more and 'limit' 1 to {MaxPage}.");
        }

        return await pages.ReadAsync(userId, start, take, maxBytes, cancellationToken) is { } page
            ? new EnvelopePage(page)
            : Problems.Result(StatusCodes.Status404NotFound, "No such user.");
    }

    private static async Task<Ok<UserState>> GetState(string userId, IGrainFactory grains, long? atVersion, DateTimeOffset? asOf) =>
        TypedResults.Ok(await PastStates.Resolve(CompanionsApi.User(grains, userId), atVersion, asOf));

    /// <summary>A page of the log as <see cref="EnvelopePage"/> writes it; only the OpenAPI document uses this type.</summary>
    public sealed record EventPage(long HeadVersion, string HeadHash, long? Next, ImmutableArray<StoredEvent> Events);

    /// <summary>An envelope as stored: <c>payload</c> verbatim (an encrypted <c>"cge1:…"</c> string, or JSON), <c>decryptedPayload</c> when it was encrypted.</summary>
    public sealed record StoredEvent(
        string Stream, long Version, string Type, int SchemaVersion, DateTimeOffset OccurredAt, string? IdempotencyKey,
        JsonElement Payload, string PreviousHash, string Hash, JsonElement? DecryptedPayload = null);

    /// <summary>Writes envelopes exactly as <see cref="EnvelopeJson"/> stores them, payloads verbatim, each followed by its payload decrypted.</summary>
    public sealed class EnvelopePage(LogPage page) : IResult, IEndpointMetadataProvider
    {
        /// <summary>Declares the page's shape (<see cref="EventPage"/>) for the OpenAPI document.</summary>
        public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(EventPage), ["application/json"]));

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
