namespace Companion.Client.Tests;

/// <summary>Passes requests on and remembers each one's method, path, query and content type, and the status and content type it got.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<RecordedCall> _calls = [];

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        lock (_calls)
        {
            _calls.Add(new RecordedCall(request.Method.Method, uri.AbsolutePath, uri.Query, request.Content?.Headers.ContentType?.MediaType, (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType));
        }

        return response;
    }
}

/// <summary>
/// A request the client made: <paramref name="Path"/> as sent (ids filled in), <paramref name="Query"/> with its '?',
/// and the media type of the answer's body (<paramref name="AnswerType"/>; null without a body).
/// </summary>
internal sealed record RecordedCall(string Method, string Path, string Query, string? ContentType, int Status, string? AnswerType = null)
{
    public IEnumerable<string> QueryNames =>
        Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0]));

    public override string ToString() => $"{Method} {Path}{Query} -> {Status} {AnswerType}".TrimEnd();
}
