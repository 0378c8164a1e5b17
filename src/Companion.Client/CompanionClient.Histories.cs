using System.Net.Http.Headers;

namespace Companion.Client;

// Chat histories: a conversation from elsewhere in as one session, a session's transcript out.
public sealed partial class CompanionClient
{
    /// <summary>
    /// Imports a chat history (a SillyTavern <c>.jsonl</c> or a generic JSONL) as one new session,
    /// reporting the bytes sent so far: <c>POST …/companions/{companionId}/histories</c>. The same
    /// file again writes nothing and answers the same session (<see cref="HistoryImported.Duplicate"/>).
    /// Refusals: 400 a line that cannot be read (named in the detail), 413 too large; nothing is written when refused.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="companionId">The companion the conversation was with.</param>
    /// <param name="history">The file, read from its position to its end; left open.</param>
    /// <param name="options">The format and the offset of local times, when not the defaults.</param>
    /// <param name="progress">Told the bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<HistoryImported> ImportHistoryAsync(
        string userId, string companionId, Stream history, HistoryImportOptions? options = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var content = new StreamContent(new ProgressStream(history, progress), CopyBufferBytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        if (history.CanSeek)
        {
            content.Headers.ContentLength = history.Length - history.Position;
        }

        var query = string.Join('&', new[]
        {
            options?.Format is { } format ? "format=" + Uri.EscapeDataString(format) : null,
            options?.UtcOffset is { } offset ? "utcOffset=" + Uri.EscapeDataString(offset) : null,
        }.OfType<string>());
        var path = UserPath(userId, "companions", companionId, "histories") + (query.Length > 0 ? "?" + query : "");
        return SendAsync<HistoryImported>(HttpMethod.Post, path, content, cancellationToken);
    }

    /// <summary>
    /// One session's transcript as text: <c>GET …/sessions/{sessionId}/transcript?format=md|jsonl</c>;
    /// <c>jsonl</c> is a SillyTavern chat that gives back every field an imported message had.
    /// </summary>
    /// <remarks>Refusals: 400 a format other than md or jsonl, 404 no such companion or session.</remarks>
    public Task<string> GetTranscriptAsync(string userId, string companionId, string sessionId, string format = "md", CancellationToken cancellationToken = default) =>
        GetTextAsync(Query(UserPath(userId, "companions", companionId, "sessions", sessionId, "transcript"), ("format", format)),
            format == "jsonl" ? "application/jsonl" : "text/markdown", cancellationToken);
}
