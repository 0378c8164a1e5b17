using Companion.Domain.Commands;
using Companion.EventLog.Encryption;
using Companion.History;
using Microsoft.AspNetCore.Mvc;

namespace Companion.Silo;

/// <summary>RFC 7807 problem details: every error says what happened and what to fix.</summary>
public static class Problems
{
    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null,
            contentType: "application/problem+json");
    }

    /// <summary>
    /// The problem for an exception a request met: refusals (domain errors, bad requests) get their
    /// 4xx and say what to fix; anything unexpected is a 500 that reveals nothing.
    /// </summary>
    public static (int Status, string Title, string Detail) For(Exception error) => error switch
    {
        DomainException { Kind: DomainErrorKind.NotFound } e => (StatusCodes.Status404NotFound, "Not found", e.Message),
        DomainException { Kind: DomainErrorKind.Conflict } e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
        DomainException { Kind: DomainErrorKind.Gone } e => (StatusCodes.Status410Gone, "Gone", e.Message),
        DomainException { Kind: DomainErrorKind.Unavailable } e => (StatusCodes.Status503ServiceUnavailable, "Service unavailable", e.Message),
        MasterKeyMissingException e => (StatusCodes.Status503ServiceUnavailable, "Service unavailable", $"This user's data cannot be opened here: {e.Message} Nothing was changed."),
        StreamErasedException => (StatusCodes.Status410Gone, "Gone", "This user was erased at their request; nothing of it is kept here."),
        StreamDamagedException e => (StatusCodes.Status500InternalServerError, "Stored history damaged",
            $"This user's stored history is damaged at version {e.Version}, so it cannot be read: {e.Reason} Nothing was changed; an operator can restore the user from an archive."),
        DomainException e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message),
        BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", Describe(e)),
        _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to handle the request; nothing was acknowledged. Retry with the same client ids."),
    };

    private static string Describe(BadHttpRequestException e) =>
        e.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this endpoint: {json.Message}"
            : e.Message;
}
