using Companion.Continuity.Chats;
using Companion.Continuity.Rendering;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// Conversations in and out: a chat history file (SillyTavern <c>.jsonl</c> or generic JSONL)
/// imported as one new session, read whole before anything is written; one session's transcript
/// as Markdown or as a SillyTavern chat.
/// </summary>
public static class HistoriesApi
{
    /// <summary>A history imported (or, for the same file again, the session it was imported as).</summary>
    /// <param name="SessionId">The session that holds it.</param>
    /// <param name="Version">The log version of its last event.</param>
    /// <param name="Duplicate">True when this file had been imported before: nothing new was written.</param>
    /// <param name="Format">How the file was read: sillytavern or generic.</param>
    /// <param name="Messages">How many messages it holds.</param>
    /// <param name="Swipes">How many alternate replies came with them.</param>
    /// <param name="Warnings">What of the file is not kept, or was read by assumption.</param>
    public sealed record HistoryImportResponse(string SessionId, long Version, bool Duplicate, string Format, int Messages, int Swipes, IReadOnlyList<string> Warnings);

    internal static RouteGroupBuilder MapHistoriesApi(this RouteGroupBuilder companions)
    {
        companions.MapPost("/{companionId}/histories", Import)
            .WithMetadata(RateLimits.HistoryImportEndpoint)
            .WithBodyLimit(ChatReadOptions.DefaultMaxBytes)
            .AcceptsBinary("application/jsonl", "A SillyTavern chat .jsonl or a generic JSONL ({role, text, sentAt, name, model} per line).")
            .WithName("importHistory")
            .WithSummary("Import a chat history as one new session, all or nothing; the same file again writes nothing and answers the same session. format: sillytavern or generic (told from the first line when left out); utcOffset: the offset of local times without a zone (UTC when left out).")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        companions.MapGet("/{companionId}/sessions/{sessionId}/transcript", GetTranscript)
            .WithMetadata(new BinaryResponse(StatusCodes.Status200OK, "text/markdown", "The session as Markdown; with format=jsonl, as a SillyTavern chat (application/jsonl)."))
            .AlsoProducesText(StatusCodes.Status200OK, "application/jsonl", "With format=jsonl: the session as a SillyTavern chat, one JSON object per line.")
            .WithName("getTranscript")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithSummary("One session's transcript: format md (the default) or jsonl (a SillyTavern chat, every imported field given back).");
        return companions;
    }

    private static async Task<Results<Created<HistoryImportResponse>, Ok<HistoryImportResponse>, ProblemHttpResult>> Import(
        string userId, string companionId, HttpRequest request, string? format, string? utcOffset, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ChatFormat? chatFormat = format?.ToLowerInvariant() switch
        {
            null => null,
            "sillytavern" => ChatFormat.SillyTavern,
            "generic" => ChatFormat.Generic,
            _ => (ChatFormat)(-1),
        };
        if (chatFormat == (ChatFormat)(-1))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'format' is '{format}': use sillytavern or generic, or leave it out to tell from the file.");
        }

        var offset = utcOffset is null ? null : ChatHistoryReader.ParseOffset(utcOffset);
        if (utcOffset is not null && offset is null)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'utcOffset' is '{utcOffset}': give an offset such as +02:00, -05:30 or Z.");
        }

        ChatReading reading;
        try
        {
            reading = await ChatHistoryReader.ReadAsync(request.Body, new ChatReadOptions(chatFormat, offset), cancellationToken);
        }
        catch (ChatFormatException e)
        {
            return Problems.Result(e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, e.Message, "Invalid chat history");
        }

        var result = await CompanionsApi.User(grains, userId).ImportHistory(companionId, reading.History);
        var messages = reading.History.Messages;
        var response = new HistoryImportResponse(result.Id, result.Version, result.Duplicate,
            reading.Format == ChatFormat.SillyTavern ? "sillytavern" : "generic",
            messages.Length, messages.Sum(m => m.Swipes?.Length ?? 0), reading.Warnings);
        return result.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/v1/users/{userId}/companions/{companionId}/sessions/{result.Id}/transcript", response);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetTranscript(
        string userId, string companionId, string sessionId, string? format, IGrainFactory grains)
    {
        format = (format ?? "md").ToLowerInvariant();
        if (format is not ("md" or "jsonl"))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'format' is '{format}': use md (the default) or jsonl.");
        }

        var user = CompanionsApi.User(grains, userId);
        var transcript = await user.GetSessionTranscript(companionId, sessionId);
        var state = await user.GetState();
        var owner = string.IsNullOrWhiteSpace(state.DisplayName) ? $"User {state.UserId}" : state.DisplayName;
        var companion = state.Companions.TryGetValue(companionId, out var c) ? c.Name : companionId;
        return format == "jsonl"
            ? TypedResults.Text(SillyTavernChatWriter.Write(transcript, owner, companion), "application/jsonl; charset=utf-8")
            : TypedResults.Text(TranscriptMarkdown.Render(transcript, owner, companion), "text/markdown; charset=utf-8");
    }
}
