using System.Collections.Concurrent;
using Companion.EventLog;
using Xunit.Abstractions;

namespace Companion.Cluster.Tests;

[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterFaultTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private const int Users = 16;
    private const int MessagesPerUser = 15;

    [Fact]
    public async Task Kill_9_of_a_silo_under_load_through_nginx_loses_and_duplicates_no_acknowledged_message()
    {
        var load = new ClusterLoad(cluster.Http, cluster.AdminToken);
        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => load.NewUserAsync()));
        var acknowledged = new ConcurrentDictionary<string, long>();
        var killAt = Users * MessagesPerUser / 3;
        var killed = TimeSpan.Zero;
        var killOnce = 0;

        await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            for (var n = 0; n < MessagesPerUser; n++)
            {
                var messageId = $"{user.UserId}-{n}";
                acknowledged[messageId] = await load.SendMessageAsync(user, messageId, $"message {n}");
                if (acknowledged.Count >= killAt && Interlocked.Exchange(ref killOnce, 1) == 0)
                {
                    cluster.KillSilo(2);
                    killed = load.Now;
                }
            }
        })));

        var lost = 0;
        var duplicated = 0;
        foreach (var user in users)
        {
            var stored = new List<EventEnvelope>();
            await foreach (var envelope in cluster.Log.ReadAsync(user.UserId))
            {
                stored.Add(envelope);
            }

            Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
            var messages = stored.Where(e => e.Type == "message-recorded").GroupBy(e => e.IdempotencyKey ?? "").ToDictionary(g => g.Key, g => g.ToList());
            duplicated += messages.Values.Count(copies => copies.Count > 1);
            foreach (var (messageId, version) in acknowledged.Where(a => a.Key.StartsWith(user.UserId + "-", StringComparison.Ordinal)))
            {
                if (!messages.TryGetValue(messageId, out var copies) || copies[0].Version != version)
                {
                    lost++;
                }
            }
        }

        var recovery = load.LastRecoveredAt > killed ? load.LastRecoveredAt - killed : TimeSpan.Zero;
        var figures = $"requests {load.Requests}, acknowledged {acknowledged.Count}, retried {load.Retried}, lost {lost}, duplicated {duplicated}, " +
            $"time to recover {recovery.TotalSeconds:0.0} s (silo-2 killed at {killed.TotalSeconds:0.0} s)";
        output.WriteLine(figures);
        Console.WriteLine($"fault test: {figures}");

        Assert.NotEqual(TimeSpan.Zero, killed);
        Assert.Equal(Users * MessagesPerUser, acknowledged.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
    }
}
