using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Companion.Client;

// The user's live change feed: Server-Sent Events, resumed by Last-Event-ID when the connection drops.
public sealed partial class CompanionClient
{
    private static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The user's events as they are appended, payloads in the clear: <c>GET /v1/users/{userId}/events/stream</c>
    /// (<c>text/event-stream</c>; <c>id</c> the version, <c>event</c> the type). Starts after
    /// <paramref name="lastEventId"/> (sent as <c>Last-Event-ID</c>), else at <paramref name="from"/>, else
    /// with whatever comes next. When the connection ends the reader reconnects after the silo's
    /// <c>retry</c> delay with <c>Last-Event-ID</c> of the last event it yielded, so no event is
    /// missed or repeated. It runs until <paramref name="cancellationToken"/> is cancelled (then it
    /// throws <see cref="OperationCanceledException"/>) or a connection is refused: 400 a bad version,
    /// 403 not the user's own token, 404 no such user, 410 erased, 429 too many open streams.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="from">The first version to receive (1 for the whole log); null for what comes next.</param>
    /// <param name="lastEventId">The version of the last event already received; takes precedence over <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public async IAsyncEnumerable<LiveEvent> StreamEventsAsync(
        string userId, long? from = null, long? lastEventId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reconnectDelay = DefaultReconnectDelay;
        var path = Query(UserPath(userId, "events", "stream"), ("from", lastEventId is null ? Text(from) : null));
        for (var first = true; ; first = false)
        {
            if (!first)
            {
                await Task.Delay(reconnectDelay, cancellationToken);
            }

            using var request = await CreateRequestAsync(HttpMethod.Get, path, content: null, cancellationToken, "text/event-stream");
            if (lastEventId is { } last)
            {
                request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await ThrowIfRefusedAsync(response, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body, Encoding.UTF8);
            var frame = new ServerSentEventFrame();
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    break; // The connection dropped: reconnect after the last event yielded.
                }

                if (line is null)
                {
                    break;
                }

                if (frame.Take(line) is not { } completed)
                {
                    continue;
                }

                reconnectDelay = completed.Retry ?? reconnectDelay;
                if (completed.Data is { } data)
                {
                    var live = JsonSerializer.Deserialize<LiveEvent>(data, Json)
                        ?? throw new JsonException($"The silo sent event '{completed.Id}' with null data.");
                    lastEventId = live.Version;
                    yield return live;
                }
            }
        }
    }

    /// <summary>
    /// Reads one SSE event from its lines (the WHATWG framing: <c>field: value</c>, a blank line ends
    /// the event, a line starting with ':' is a comment such as the silo's heartbeat).
    /// </summary>
    private sealed class ServerSentEventFrame
    {
        private readonly StringBuilder _data = new();
        private bool _hasData;
        private string? _id;
        private TimeSpan? _retry;

        /// <summary>Takes one line; answers the completed event when the line ends one.</summary>
        public (string? Id, string? Data, TimeSpan? Retry)? Take(string line)
        {
            if (line.Length == 0)
            {
                var completed = (_id, _hasData ? _data.ToString() : null, _retry);
                _data.Clear();
                _hasData = false;
                _retry = null;
                return completed;
            }

            if (line[0] == ':')
            {
                return null;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "data":
                    _data.Append(_hasData ? "\n" : "").Append(value);
                    _hasData = true;
                    break;
                case "id":
                    _id = value;
                    break;
                case "retry" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds):
                    _retry = TimeSpan.FromMilliseconds(milliseconds);
                    break;
            }

            return null;
        }
    }
}
