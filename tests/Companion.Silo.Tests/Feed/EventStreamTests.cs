using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Companion.Silo.Tests.Feed;

/// <summary>The user's live stream over Server-Sent Events.</summary>
public sealed class EventStreamTests : IClassFixture<EventStreamTests.LimitedSilo>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly LimitedSilo _silo;

    public EventStreamTests(LimitedSilo silo) => _silo = silo;

    /// <summary>Two streams per user, heartbeats every second.</summary>
    public sealed class LimitedSilo : SiloFactory
    {
        public LimitedSilo()
        {
            Settings["EventStream:MaxStreamsPerUser"] = "2";
            Settings["EventStream:HeartbeatInterval"] = "00:00:01";
        }
    }

    [Fact]
    public async Task A_stream_resumed_with_Last_Event_ID_continues_after_that_version_without_gaps_and_then_live()
    {
        var (userId, user) = await _silo.NewUserAsync();
        var head = await user.WriteSomeAsync(userId, messages: 3);

        List<Sse> first;
        using (var stream = await OpenAsync(user, userId, "?from=1"))
        {
            first = await stream.ReadEventsAsync(3);
        }

        Assert.Equal([1L, 2, 3], first.Select(e => e.Id));
        Assert.Equal("user-registered", first[0].Event);

        using var resumed = await OpenAsync(user, userId, "?from=1", lastEventId: "3");
        var rest = await resumed.ReadEventsAsync((int)head - 3);
        Assert.Equal(Enumerable.Range(4, (int)head - 3).Select(v => (long)v), rest.Select(e => e.Id));

        var companion = await user.NewCompanionAsync(userId, "Live");
        var live = Assert.Single(await resumed.ReadEventsAsync(1));
        Assert.Equal(head + 1, live.Id);
        Assert.Equal("companion-created", live.Event);
        using var data = JsonDocument.Parse(live.Data);
        Assert.Equal(head + 1, data.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("Live", data.RootElement.GetProperty("payload").GetProperty("name").GetString());
        Assert.Equal(companion, data.RootElement.GetProperty("payload").GetProperty("companionId").GetString());
    }

    [Fact]
    public async Task A_stream_without_from_sends_only_what_comes_next_and_heartbeats_meanwhile()
    {
        var (userId, user) = await _silo.NewUserAsync();
        var head = await user.HeadVersionAsync(userId);

        using var stream = await OpenAsync(user, userId, "");
        Assert.True(await stream.ReadHeartbeatAsync(), "No heartbeat came while nothing happened.");
        await user.NewCompanionAsync(userId);
        Assert.Equal(head + 1, Assert.Single(await stream.ReadEventsAsync(1)).Id);
    }

    [Fact]
    public async Task The_stream_is_the_users_own_and_the_operator_token_is_refused()
    {
        var (userId, _) = await _silo.NewUserAsync();
        var (_, other) = await _silo.NewUserAsync();

        await _silo.Admin().GetAsync($"/v1/users/{userId}/events/stream").Expect(HttpStatusCode.Forbidden);
        await other.GetAsync($"/v1/users/{userId}/events/stream").Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_cannot_open_more_streams_than_the_limit_and_a_closed_one_frees_its_slot()
    {
        var (userId, user) = await _silo.NewUserAsync();
        var one = await OpenAsync(user, userId, "");
        using var two = await OpenAsync(user, userId, "");

        var refused = await user.GetAsync($"/v1/users/{userId}/events/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Last-Event-ID", await refused.Content.ReadAsStringAsync());

        one.Dispose();
        await Companion.Testing.Eventually.TrueAsync(
            () => user.GetAsync($"/v1/users/{userId}/events/stream", HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult() is { StatusCode: HttpStatusCode.OK } r && Dispose(r),
            "a slot came free", Patience);
    }

    [Fact]
    public async Task A_malformed_Last_Event_ID_is_refused_saying_what_it_must_be()
    {
        var (userId, user) = await _silo.NewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userId}/events/stream");
        request.Headers.Add("Last-Event-ID", "three");

        var problem = await user.SendAsync(request).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("version", problem.GetProperty("detail").GetString());
    }

    private static bool Dispose(HttpResponseMessage response)
    {
        response.Dispose();
        return true;
    }

    private static async Task<SseReader> OpenAsync(HttpClient client, string userId, string query, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userId}/events/stream{query}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private sealed record Sse(long Id, string Event, string Data);

    private sealed class SseReader(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<List<Sse>> ReadEventsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var events = new List<Sse>();
            long? id = null;
            string? type = null;
            string? data = null;
            while (events.Count < count)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended early.");
                if (line.Length == 0)
                {
                    if (id is { } v && type is not null && data is not null)
                    {
                        events.Add(new Sse(v, type, data));
                    }

                    (id, type, data) = (null, null, null);
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }

            return events;
        }

        public async Task<bool> ReadHeartbeatAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == ": heartbeat")
                {
                    return true;
                }
            }

            return false;
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
