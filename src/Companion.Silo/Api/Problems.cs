using System.Diagnostics;
using Companion.Domain.Commands;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Companion.Silo;

/// <summary>
/// RFC 9457 problem details, the one way every error leaves this service: handlers return
/// <see cref="Result"/>, middleware writes <see cref="Write"/>, and everything the framework
/// answers by itself (routing's 404 and 405, a body of the wrong media type, status code pages)
/// is completed by <see cref="Complete"/>. Every problem has <c>type</c>, <c>title</c>,
/// <c>status</c>, a <c>detail</c> that says what to fix, and the <c>traceId</c> to quote.
/// </summary>
public static class Problems
{
    /// <summary>A problem for a handler to return.</summary>
    public static ProblemHttpResult Result(int status, string detail, string? title = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>Seconds a caller should wait before retrying a 503: storage faults and missing keys take an operator.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>Writes a problem outside an endpoint (authentication, rate limits, middleware).</summary>
    public static async Task Write(HttpContext context, int status, string detail, string? title = null)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // The caller's Accept header refused JSON; it gets problem details all the same, since nothing else would say what went wrong.
            Complete(context, problem);
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
        }
    }

    /// <summary>Fills in what a problem lacks, whoever wrote it: the type, title, a detail for the framework's own answers, the trace id.</summary>
    public static void Complete(HttpContext context, ProblemDetails problem)
    {
        var status = problem.Status ?? context.Response.StatusCode;
        problem.Status = status;
        problem.Type ??= TypeFor(status);
        problem.Title ??= TitleFor(status);
        problem.Detail ??= DetailFor(context, status);
        if (!problem.Extensions.ContainsKey("traceId"))
        {
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        }
    }

    /// <summary>
    /// The problem for an exception a request met: refusals (domain errors, bad requests) get their
    /// 4xx and say what to fix; anything unexpected is a 500 that reveals nothing.
    /// </summary>
    public static (int Status, string Detail) For(Exception error) => error switch
    {
        DomainException { Kind: DomainErrorKind.NotFound } e => (StatusCodes.Status404NotFound, e.Message),
        DomainException { Kind: DomainErrorKind.Conflict } e => (StatusCodes.Status409Conflict, e.Message),
        DomainException { Kind: DomainErrorKind.Gone } e => (StatusCodes.Status410Gone, e.Message),
        DomainException { Kind: DomainErrorKind.Unavailable } e => (StatusCodes.Status503ServiceUnavailable, e.Message),
        MasterKeyMissingException e => (StatusCodes.Status503ServiceUnavailable, $"This user's data cannot be opened here: {e.Message} Nothing was changed."),
        StreamErasedException => (StatusCodes.Status410Gone, "This user was erased at their request; nothing of it is kept here."),
        StreamDamagedException e => (StatusCodes.Status500InternalServerError,
            $"This user's stored history is damaged at version {e.Version}, so it cannot be read: {e.Reason} Nothing was changed; an operator can restore the user from an archive."),
        DomainException e => (StatusCodes.Status400BadRequest, e.Message),
        BadHttpRequestException e => (e.StatusCode, Describe(e)),
        EventLogUnavailableException e => (StatusCodes.Status503ServiceUnavailable, $"The storage refused the request ({e.Message}) Retry later with the same client ids."),
        TimeoutException => (StatusCodes.Status503ServiceUnavailable,
            "The request did not finish in time, and whether it was stored is not known. Retry later with the same client ids: a write that was stored answers as a duplicate."),
        _ => (StatusCodes.Status500InternalServerError,
            "The server failed to handle the request, and whether a write in it was stored is not known. Retry with the same client ids: a write that was stored answers as a duplicate."),
    };

    private static string Describe(BadHttpRequestException e) => e switch
    {
        { InnerException: System.Text.Json.JsonException json } => $"The body is not valid JSON for this endpoint: {json.Message}",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => $"{e.Message} Send the body as JSON with 'Content-Type: application/json'.",
        _ => e.Message,
    };

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Invalid request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status410Gone => "Gone",
        StatusCodes.Status413PayloadTooLarge => "Payload too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        >= 500 => "Internal error",
        _ => "Request refused",
    };

    // ASP.NET Core's defaults name a type for some statuses only; these are the rest this service answers.
    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status410Gone => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "about:blank",
    };

    // Only the framework's own answers reach here without a detail: an unknown route, a wrong method, a body of the wrong type.
    private static string DetailFor(HttpContext context, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing is served at '{context.Request.Path}'. The API's paths are listed in /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => $"'{context.Request.Method}' is not served at '{context.Request.Path}'. The API's methods are listed in /openapi/v1.json.",
        StatusCodes.Status415UnsupportedMediaType => "This endpoint does not take a body of that media type: send JSON with 'Content-Type: application/json' (an archive import: 'application/zip').",
        _ => "The request was refused; /openapi/v1.json describes what this endpoint takes.",
    };
}
