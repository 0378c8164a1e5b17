using System.Net;

namespace Companion.Client;

/// <summary>
/// The silo refused a request: its status, and the problem details it sent, whose
/// <see cref="ApiProblem.Detail"/> says what to fix. <see cref="Exception.Message"/> is one line:
/// <c>409 Conflict: User 'u_…' already has 12 events; …</c>.
/// </summary>
public sealed class CompanionApiException : Exception
{
    /// <summary>A refusal with <paramref name="statusCode"/> and what the silo sent.</summary>
    /// <param name="statusCode">The answer's status.</param>
    /// <param name="reasonPhrase">The answer's reason phrase ("Conflict").</param>
    /// <param name="problem">The problem details, or null when the body was not one.</param>
    /// <param name="body">The answer's body as text (empty when there was none).</param>
    /// <param name="retryAfter">How long the silo asked to wait before trying again (429, 503), when it said.</param>
    public CompanionApiException(HttpStatusCode statusCode, string? reasonPhrase, ApiProblem? problem, string body, TimeSpan? retryAfter)
        : base(Describe(statusCode, reasonPhrase, problem, body))
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Problem = problem;
        Body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>The answer's status: 400 invalid, 401/403 the token, 404, 409 conflict, 410 erased, 413 too large, 429 too many.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The answer's reason phrase, as sent.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The problem details the silo sent, or null when the body was not a JSON object.</summary>
    public ApiProblem? Problem { get; }

    /// <summary>What to fix, as the silo said it (the problem's <c>detail</c>).</summary>
    public string? Detail => Problem?.Detail;

    /// <summary>The answer's body as text.</summary>
    public string Body { get; }

    /// <summary>How long to wait before trying again, from <c>Retry-After</c>; null when the silo did not say.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Reads a refusal from <paramref name="response"/>.</summary>
    public static async Task<CompanionApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? Max(date - DateTimeOffset.UtcNow, TimeSpan.Zero) : null)
            : null;
        return new CompanionApiException(response.StatusCode, response.ReasonPhrase, ApiProblem.TryParse(body), body, retryAfter);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // The detail when there is one, else the body as it came (a proxy's text, say), so nothing the silo said is lost.
    private static string Describe(HttpStatusCode status, string? reason, ApiProblem? problem, string body)
    {
        var said = problem is null ? body.Trim() : problem.Detail ?? problem.Title ?? "";
        var head = string.IsNullOrEmpty(reason) ? $"{(int)status}" : $"{(int)status} {reason}";
        return string.IsNullOrEmpty(said) ? head : $"{head}: {said}";
    }
}
