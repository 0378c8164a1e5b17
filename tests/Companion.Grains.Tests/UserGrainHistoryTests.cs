using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;

namespace Companion.Grains.Tests;

/// <summary>Time travel: past states rebuilt from snapshots and the log, with snapshots every <see cref="ClusterFixture.SnapshotEvery"/> events.</summary>
public sealed class UserGrainHistoryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_past_state_starts_from_the_nearest_snapshot_at_or_before_it_and_equals_a_full_replay()
    {
        var (user, stream) = await UserWithMessagesAsync(60);

        var between = await user.GetStateAt(50);
        var onSnapshot = await user.GetStateAt(40);
        var beforeAny = await user.GetStateAt(10);

        Assert.Equal((40, 10), (between.SnapshotVersion, between.ReplayedEvents));
        Assert.Equal((40, 0), (onSnapshot.SnapshotVersion, onSnapshot.ReplayedEvents));
        Assert.Equal((0, 10), (beforeAny.SnapshotVersion, beforeAny.ReplayedEvents));
        foreach (var past in new[] { between, onSnapshot, beforeAny })
        {
            var (expected, hash) = await ReplayAsync(stream, past.State.Version);
            Assert.Equal(UserStateJson.Hash(expected), UserStateJson.Hash(past.State));
            Assert.Equal(hash, past.HeadHash);
        }
    }

    [Fact]
    public async Task A_past_state_leaves_the_grains_current_state_alone()
    {
        var (user, _) = await UserWithMessagesAsync(30);
        var before = await user.GetState();

        var past = await user.GetStateAt(5);
        var after = await user.GetState();

        Assert.Equal(5, past.State.Version);
        Assert.Equal(2, past.State.Companions.Values.Single().MessageCount);
        Assert.Equal(UserStateJson.Hash(before), UserStateJson.Hash(after));
        Assert.Equal(33, after.Version);
    }

    [Fact]
    public async Task The_state_at_the_head_is_the_current_state()
    {
        var (user, _) = await UserWithMessagesAsync(25);

        var head = await user.GetStateAt(28);

        Assert.Equal(UserStateJson.Hash(await user.GetState()), UserStateJson.Hash(head.State));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(34)]
    public async Task A_version_outside_one_to_the_head_is_refused_as_invalid(long version)
    {
        var (user, _) = await UserWithMessagesAsync(30);

        var error = await Assert.ThrowsAsync<DomainException>(() => user.GetStateAt(version));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("1 to 33", error.Message);
    }

    [Fact]
    public async Task A_past_state_ignores_a_snapshot_of_another_state_schema_and_replays_the_log()
    {
        var (user, stream) = await UserWithMessagesAsync(30);
        var at25 = (await ReplayAsync(stream, 25)).Hash;
        await fixture.Log.SaveSnapshotAsync(new Snapshot(stream, 25, at25, UserState.SchemaVersion - 1, "{\"old\":true}"u8.ToArray(), DateTimeOffset.UtcNow));
        Assert.Equal(25, (await fixture.Log.LoadSnapshotAtOrBeforeAsync(stream, 28))!.Version);

        var past = await user.GetStateAt(28);

        Assert.Equal((0, 28), (past.SnapshotVersion, past.ReplayedEvents));
        Assert.Equal(UserStateJson.Hash((await ReplayAsync(stream, 28)).State), UserStateJson.Hash(past.State));
    }

    private async Task<(IUserGrain User, string Stream)> UserWithMessagesAsync(int messages)
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty with { Description = "calm" }, null);
        var session = await user.StartSession(companion.Id, null);
        for (var i = 0; i < messages; i++)
        {
            await user.RecordMessage(companion.Id, session.Id, MessageRole.User, $"message {i}", null, null);
        }

        return (user, user.GetPrimaryKeyString());
    }

    /// <summary>The state at a version by replaying the whole log from the start, as the test's reference.</summary>
    private async Task<(UserState State, string Hash)> ReplayAsync(string stream, long version)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var state = UserState.Empty;
        var hash = EnvelopeChain.GenesisHash;
        await foreach (var envelope in fixture.Log.ReadAsync(stream))
        {
            if (envelope.Version > version)
            {
                break;
            }

            state = UserStateApply.Apply(state, registry.FromEnvelope(await fixture.RevealAsync(envelope)));
            hash = envelope.Hash;
        }

        return (state, hash);
    }
}
