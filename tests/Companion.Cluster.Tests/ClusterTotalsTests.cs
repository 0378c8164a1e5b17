using System.Net.Http.Headers;
using System.Text.Json;

namespace Companion.Cluster.Tests;

[Collection(LocalClusterCollection.Name)]
public sealed class ClusterTotalsTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    [Fact]
    public async Task Polls_of_the_operators_overview_through_nginx_answer_the_same_cluster_totals_whichever_silo_serves_them()
    {
        var load = new ClusterLoad(cluster.Http, cluster.AdminToken);
        var users = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => load.NewUserAsync()));
        foreach (var user in users)
        {
            for (var n = 0; n < 3; n++)
            {
                await load.SendMessageAsync(user, $"{user.UserId}-{n}", $"message {n}");
            }
        }

        long appended = 0;
        foreach (var user in users)
        {
            appended += (await cluster.Log.GetHeadAsync(user.UserId)).Version;
        }

        using var http = new HttpClient { BaseAddress = cluster.Http };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement overview;
        do
        {
            overview = await PollAsync(http);
        }
        while (EventsAppended(overview) < appended && DateTime.UtcNow < deadline);

        // Two consecutive polls that two different silos answered.
        var first = await PollAsync(http);
        var second = await PollAsync(http);
        for (var i = 0; i < 6 && SiloOf(second) == SiloOf(first); i++)
        {
            second = await PollAsync(http);
        }

        Assert.NotEqual(SiloOf(first), SiloOf(second));
        Assert.Equal(appended, EventsAppended(first));
        Assert.Equal(Cluster(first).GetProperty("totals").GetRawText(), Cluster(second).GetProperty("totals").GetRawText());
        Assert.Equal(Cluster(first).GetProperty("activeUserGrains").GetInt64(), Cluster(second).GetProperty("activeUserGrains").GetInt64());
        var rows = Cluster(first).GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count(r => r.GetProperty("current").GetBoolean()));
        Assert.Equal(appended, rows.Sum(r => r.GetProperty("counters").GetProperty("eventsAppended").GetInt64()));
    }

    private static async Task<JsonElement> PollAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/admin/api/overview");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Cluster(JsonElement overview) => overview.GetProperty("cluster");

    private static string? SiloOf(JsonElement overview) => overview.GetProperty("silo").GetProperty("name").GetString();

    private static long EventsAppended(JsonElement overview) => Cluster(overview).GetProperty("totals").GetProperty("eventsAppended").GetInt64();
}
