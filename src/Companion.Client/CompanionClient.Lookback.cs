namespace Companion.Client;

// The look-back over the journal, for the user's own eyes: as data, as Markdown, as an SVG chart.
public sealed partial class CompanionClient
{
    /// <summary>
    /// The look-back over the journal in [<paramref name="from"/>, <paramref name="to"/>) by week or month:
    /// entries per practice, moods and their trends, check-in days, connections, reframes, then and now
    /// in the user's words: <c>GET /v1/users/{userId}/lookback</c>. The user's own token only (403 for
    /// the admin); 400 when <paramref name="from"/> is after <paramref name="to"/>.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="from">The start, or null for the first entry's period.</param>
    /// <param name="to">The end (exclusive), or null for now.</param>
    /// <param name="by">Weeks or months (the silo's default: months).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Lookback> GetLookbackAsync(string userId, DateTimeOffset? from = null, DateTimeOffset? to = null, Grouping? by = null, CancellationToken cancellationToken = default) =>
        GetAsync<Lookback>(LookbackPath(userId, "lookback", from, to, by, ("format", null)), cancellationToken);

    /// <summary>The same look-back as Markdown, to read or keep: <c>GET /v1/users/{userId}/lookback?format=md</c>. Refusals as <see cref="GetLookbackAsync"/>.</summary>
    public Task<string> GetLookbackMarkdownAsync(string userId, DateTimeOffset? from = null, DateTimeOffset? to = null, Grouping? by = null, CancellationToken cancellationToken = default) =>
        GetTextAsync(LookbackPath(userId, "lookback", from, to, by, ("format", "md")), "text/markdown", cancellationToken);

    /// <summary>
    /// Moods over time as an SVG chart (no scripts), one bar per period: <c>GET /v1/users/{userId}/lookback.svg</c>.
    /// Refusals as <see cref="GetLookbackAsync"/>.
    /// </summary>
    public Task<string> GetLookbackChartAsync(string userId, DateTimeOffset? from = null, DateTimeOffset? to = null, Grouping? by = null, CancellationToken cancellationToken = default) =>
        GetTextAsync(LookbackPath(userId, "lookback.svg", from, to, by), "image/svg+xml", cancellationToken);

    /// <summary>The mood chart of <see cref="GetLookbackChartAsync"/> written into <paramref name="destination"/> (left open); returns the bytes written.</summary>
    public async Task<long> CopyLookbackChartAsync(
        string userId, Stream destination, DateTimeOffset? from = null, DateTimeOffset? to = null, Grouping? by = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var request = await CreateRequestAsync(HttpMethod.Get, LookbackPath(userId, "lookback.svg", from, to, by), content: null, cancellationToken, "image/svg+xml");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[CopyBufferBytes];
        long written = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            written += read;
        }

        return written;
    }

    private static string LookbackPath(string userId, string resource, DateTimeOffset? from, DateTimeOffset? to, Grouping? by, params ReadOnlySpan<(string, string?)> more) =>
        Query(UserPath(userId, resource), [("from", Text(from)), ("to", Text(to)), ("by", Text(by)), .. more]);
}
