using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Companion.Testing;
using Companion.Testing.Webhooks;
using Xunit.Abstractions;

namespace Companion.Cluster.Tests;

/// <summary>
/// The change feed in a real cluster (three silo processes, nginx, Azurite): a real receiver gets
/// every event of 20 users at least once, in order per user, with one webhook-id per event, while
/// a silo is killed with SIGKILL and the receiver is closed for a while; and a live stream resumes
/// from Last-Event-ID through another silo without a gap.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class WebhookClusterTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private const int Users = 20;
    private const int MessagesPerUser = 6;
    private static readonly TimeSpan ReceiverDown = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_event_of_20_users_reaches_the_receiver_in_order_with_one_id_while_a_silo_dies_and_the_receiver_is_down()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var load = new ClusterLoad(cluster.Http, cluster.AdminToken);
        using var admin = Client(cluster.Http, cluster.AdminToken);
        var created = await admin.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        receiver.Secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();

        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => load.NewUserAsync()));
        var acknowledged = 0;
        var killOnce = 0;
        var receiverDownAt = TimeSpan.Zero;
        var writers = users.Select(user => Task.Run(async () =>
        {
            for (var n = 0; n < MessagesPerUser; n++)
            {
                await load.SendMessageAsync(user, $"{user.UserId}-{n}", $"message {n}");
                if (Interlocked.Increment(ref acknowledged) >= Users * MessagesPerUser / 3 && Interlocked.Exchange(ref killOnce, 1) == 0)
                {
                    cluster.KillSilo(2);
                    await receiver.CloseAsync();
                    receiverDownAt = load.Now;
                }
            }
        })).ToList();
        await Task.WhenAll(writers);

        // The receiver stays closed a while after the last write, so deliveries pile up behind it.
        var stillDown = ReceiverDown - (load.Now - receiverDownAt);
        if (stillDown > TimeSpan.Zero)
        {
            await Task.Delay(stillDown);
        }

        var heads = new Dictionary<string, long>();
        foreach (var user in users)
        {
            heads[user.UserId] = (await cluster.Log.GetHeadAsync(user.UserId)).Version;
        }

        var downFor = load.Now - receiverDownAt;
        var backAt = Stopwatch.StartNew();
        await receiver.OpenAsync();
        await Eventually.TrueAsync(() => receiver.HasEverything(heads), "every event of every user reached the receiver", Patience);
        var drained = backAt.Elapsed;

        var copies = receiver.Accepted.GroupBy(d => (d.UserId, d.Version)).ToList();
        var figures = $"users {Users}, events {heads.Values.Sum()}, deliveries accepted {receiver.Accepted.Count}, " +
            $"duplicates {receiver.Accepted.Count - copies.Count}, refused {receiver.Refused}, receiver down {downFor.TotalSeconds:0.0} s, " +
            $"drained {drained.TotalSeconds:0.0} s after the receiver came back";
        output.WriteLine(figures);
        Console.WriteLine($"webhook cluster test: {figures}");

        Assert.Equal(heads.Values.Sum(), copies.Count);
        Assert.All(copies, copy => Assert.Single(copy.Select(d => d.WebhookId).Distinct()));
        Assert.Equal(0, receiver.Refused);
        foreach (var (userId, versions) in receiver.VersionsByUser())
        {
            var firsts = versions.Distinct().ToList();
            Assert.True(firsts.Order().SequenceEqual(firsts), $"{userId}'s events first arrived out of order: {string.Join(',', firsts)}");
        }

        await A_live_stream_resumes_from_Last_Event_ID_through_other_silos_without_a_gap(load, users[0]);
    }

    /// <summary>
    /// Reads part of a user's stream from silo 1, writes more, and resumes with Last-Event-ID from
    /// silo 3, then from silo 1 again: whichever of them hosts the user, one read went through the other.
    /// </summary>
    private async Task A_live_stream_resumes_from_Last_Event_ID_through_other_silos_without_a_gap(ClusterLoad load, ClusterLoad.LoadUser user)
    {
        var seen = new List<long>();
        seen.AddRange(await ReadStreamAsync(cluster.SiloHttp[0], user, "from=1", lastEventId: null, count: 3));
        for (var i = 0; i < 2; i++)
        {
            await load.SendMessageAsync(user, $"{user.UserId}-sse-{i}", $"later {i}");
        }

        seen.AddRange(await ReadStreamAsync(cluster.SiloHttp[2], user, "", seen[^1], count: 4));
        await load.SendMessageAsync(user, $"{user.UserId}-sse-last", "last");
        var head = (await cluster.Log.GetHeadAsync(user.UserId)).Version;
        seen.AddRange(await ReadStreamAsync(cluster.SiloHttp[0], user, "", seen[^1], count: (int)(head - seen[^1])));

        Assert.Equal(Enumerable.Range(1, (int)head).Select(v => (long)v), seen);
    }

    /// <summary>Opens the user's stream on one silo and answers the ids of the first <paramref name="count"/> events.</summary>
    private static async Task<List<long>> ReadStreamAsync(Uri silo, ClusterLoad.LoadUser user, string query, long? lastEventId, int count)
    {
        using var http = Client(silo, user.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user.UserId}/events/stream?{query}");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.True(response.IsSuccessStatusCode, $"{silo}: {(int)response.StatusCode}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var ids = new List<long>();
        while (ids.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException($"{silo}: the stream ended after {ids.Count} events.");
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(long.Parse(line[4..], CultureInfo.InvariantCulture));
            }
        }

        return ids;
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
