using Companion.Domain.Commands;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Microsoft.AspNetCore.Mvc;

namespace Companion.Silo;

/// <summary>RFC 7807 problem details: every error says what happened and what to fix.</summary>
public static class Problems
{
    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>Seconds a caller should wait before retrying a 503: storage faults and missing keys take an operator.</summary>
    public const int RetryAfterSeconds = 30;

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

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
        DomainException e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message),
        BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", Describe(e)),
        EventLogUnavailableException e => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"The storage refused the request ({e.Message}) Retry later with the same client ids."),
        TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            "The request did not finish in time, and whether it was stored is not known. Retry later with the same client ids: a write that was stored answers as a duplicate."),
        _ => (StatusCodes.Status500InternalServerError, "Internal error",
            "The server failed to handle the request, and whether a write in it was stored is not known. Retry with the same client ids: a write that was stored answers as a duplicate."),
    };

    private static string Describe(BadHttpRequestException e) =>
        e.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this endpoint: {json.Message}"
            : e.Message;
}
