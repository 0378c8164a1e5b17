using System.Collections.Concurrent;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.Grains;
using Xunit.Abstractions;

namespace Companion.Cluster.Tests;

public sealed class MultiSiloTests(MultiSiloFixture fixture, ITestOutputHelper output) : IClassFixture<MultiSiloFixture>
{
    private const int Users = 24;
    private const int MessagesPerUser = 12;
    private const int KillAfterMessages = 4;
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_confirmed_event_and_leaves_no_gap_or_fork()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => NewUserWithSessionAsync()));
        var hosts = users.Select(u => fixture.HostOf(u.Grain)).ToList();
        Assert.True(hosts.Distinct().Count() == MultiSiloFixture.SiloCount, $"users should spread over every silo, got {hosts.Distinct().Count()}");
        var victim = fixture.Cluster.Silos.Skip(1).MaxBy(s => hosts.Count(h => h == s.SiloAddress))
            ?? throw new InvalidOperationException("The cluster has no second silo.");
        var victimUsers = users.Where((_, i) => hosts[i] == victim.SiloAddress).ToList();
        Assert.NotEmpty(victimUsers);

        var acknowledged = new ConcurrentDictionary<string, ConcurrentDictionary<string, long>>();
        var retries = 0;
        var reachedKillPoint = 0;
        var everyUserWriting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = users.Select(user => Task.Run(async () =>
        {
            var acks = acknowledged.GetOrAdd(user.Id, _ => new());
            for (var n = 0; n < MessagesPerUser; n++)
            {
                if (n == KillAfterMessages && Interlocked.Increment(ref reachedKillPoint) == Users)
                {
                    everyUserWriting.SetResult();
                }

                var messageId = $"{user.Id}-m{n}";
                var result = await Retry.UntilSuccessAsync(
                    () => user.Grain.RecordMessage(user.CompanionId, user.SessionId, MessageRole.User, $"message {n}", null, messageId),
                    RecoveryDeadline,
                    () => Interlocked.Increment(ref retries));
                Assert.True(acks.TryAdd(messageId, result.Version) || acks[messageId] == result.Version);
            }
        })).ToList();

        // Kill while every user is mid-way through its messages: some calls are in flight on the victim.
        await everyUserWriting.Task.WaitAsync(RecoveryDeadline);
        await fixture.Cluster.KillSiloAsync(victim);
        await Task.WhenAll(load);

        output.WriteLine($"users {Users}, on the killed silo {victimUsers.Count}, messages acknowledged {acknowledged.Sum(a => a.Value.Count)}, retried calls {retries}");
        foreach (var user in users)
        {
            var stored = await ReadAllAsync(user.Id);
            var state = await Retry.UntilSuccessAsync(() => user.Grain.GetState(), RecoveryDeadline);
            Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, stored));
            Assert.Equal(stored.Count, state.Version);
            var keys = stored.Where(e => e.Type == "message-recorded").Select(e => e.IdempotencyKey).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            foreach (var (messageId, version) in acknowledged[user.Id])
            {
                Assert.Equal(messageId, stored[(int)version - 1].IdempotencyKey);
            }
        }

        Assert.All(victimUsers, user => Assert.NotEqual(victim.SiloAddress, fixture.HostOf(user.Grain)));
    }

    private async Task<TestUser> NewUserWithSessionAsync()
    {
        var id = Ids.New("u");
        var grain = fixture.Grains.GetGrain<IUserGrain>(id);
        await grain.Register("Robin");
        var companion = await grain.CreateCompanion("Sol", Persona.Empty with { Description = "A calm friend." }, null);
        var session = await grain.StartSession(companion.Id, null);
        return new TestUser(id, grain, companion.Id, session.Id);
    }

    private async Task<List<EventEnvelope>> ReadAllAsync(string stream)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in fixture.Log.ReadAsync(stream))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }

    private sealed record TestUser(string Id, IUserGrain Grain, string CompanionId, string SessionId);
}
