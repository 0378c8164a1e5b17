using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;

namespace Companion.Grains.Tests;

public sealed class UserGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly Persona Persona = Persona.Empty with { Description = "A calm, curious friend.", Personality = "warm" };

    [Fact]
    public async Task State_survives_deactivation_and_equals_the_state_before()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var session = await user.StartSession(companion.Id, null);
        await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "I had a hard day.", null, "c-1");
        await user.RecordMessage(companion.Id, session.Id, MessageRole.Companion, "I'm here. Tell me about it.", new ModelRuntime("model-a", null, null), null);
        await user.RecordMemory(companion.Id, new MemoryInput("Robin's sister is called Ada.", "fact", 0.9, true, null));
        await user.WriteJournal("secure-base-check-in", "Felt steady this morning.", "calm", null);
        var before = await user.GetState();

        await fixture.DeactivateAllAsync();
        var after = await user.GetState();

        Assert.Equal(UserStateJson.Hash(before), UserStateJson.Hash(after));
        Assert.Equal(8, after.Version); // 7 commands; the first companion message also records its runtime
        Assert.Equal(new ModelRuntime("model-a", null, null), after.Companions[companion.Id].Runtime);
        Assert.Equal(2, after.Companions[companion.Id].RecentMessages.Count);
    }

    [Fact]
    public async Task Activation_after_many_events_loads_the_snapshot_and_replays_only_the_tail()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var session = await user.StartSession(companion.Id, null);
        for (var i = 0; i < 95; i++)
        {
            await user.RecordMessage(companion.Id, session.Id, MessageRole.User, $"message {i}", null, null);
        }

        var written = await user.GetActivationStats();
        await fixture.DeactivateAllAsync();
        var reloaded = await user.GetActivationStats();

        Assert.Equal(98, reloaded.Version);
        Assert.True(written.SnapshotsWritten >= 4, $"expected snapshots every {ClusterFixture.SnapshotEvery} events, got {written.SnapshotsWritten}");
        Assert.Equal(80, reloaded.SnapshotVersion);
        Assert.Equal(18, reloaded.ReplayedEvents);
        Assert.Equal(written.HeadHash, reloaded.HeadHash);
    }

    [Fact]
    public async Task A_retried_message_id_returns_the_original_result_and_appends_nothing()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var session = await user.StartSession(companion.Id, null);

        var first = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "hello", null, "client-42");
        var retry = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "hello", null, "client-42");
        await fixture.DeactivateAllAsync();
        var afterReactivation = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "hello", null, "client-42");

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal((first.Id, first.Version), (retry.Id, retry.Version));
        Assert.Equal((first.Id, first.Version), (afterReactivation.Id, afterReactivation.Version));
        Assert.Equal(first.Version, (await fixture.Log.GetHeadAsync(user.GetPrimaryKeyString())).Version);
    }

    [Fact]
    public async Task Concurrent_calls_on_one_grain_keep_versions_gap_free_and_the_chain_intact()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);
        var session = await user.StartSession(companion.Id, null);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            user.RecordMessage(companion.Id, session.Id, MessageRole.User, $"parallel {i}", null, $"p-{i}")));

        Assert.Equal(Enumerable.Range(4, 60).Select(v => (long)v), results.Select(r => r.Version).Order());
        var envelopes = await ReadAll(user.GetPrimaryKeyString());
        Assert.Equal(63, envelopes.Count);
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
    }

    [Fact]
    public async Task A_refused_command_throws_a_domain_error_and_writes_nothing()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona, null);

        var missing = await Assert.ThrowsAsync<DomainException>(() => user.StartSession("c_doesnotexist00000", null));
        var closed = await Assert.ThrowsAsync<DomainException>(() =>
            user.RecordMessage(companion.Id, "s_notopen000000000", MessageRole.User, "hi", null, null));
        var blank = await Assert.ThrowsAsync<DomainException>(() => user.WriteJournal(null, "   ", null, null));

        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);
        Assert.Equal(DomainErrorKind.Conflict, closed.Kind);
        Assert.Equal(DomainErrorKind.Invalid, blank.Kind);
        Assert.Equal(2, (await fixture.Log.GetHeadAsync(user.GetPrimaryKeyString())).Version);
    }

    [Fact]
    public async Task A_snapshot_of_an_unknown_state_schema_is_ignored_in_favour_of_replay()
    {
        var user = await fixture.NewUserAsync();
        await user.WriteJournal(null, "first entry", null, null);
        var stream = user.GetPrimaryKeyString();
        var head = await fixture.Log.GetHeadAsync(stream);
        await fixture.Log.SaveSnapshotAsync(new Snapshot(stream, head.Version, head.Hash, 999, "{\"bogus\":true}"u8.ToArray(), DateTimeOffset.UtcNow));

        await fixture.DeactivateAllAsync();
        var stats = await user.GetActivationStats();

        Assert.Equal(0, stats.SnapshotVersion);
        Assert.Equal(2, stats.ReplayedEvents);
        Assert.Equal("first entry", Assert.Single((await user.GetState()).Journal).Text);
    }

    private async Task<List<EventEnvelope>> ReadAll(string stream)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var envelope in fixture.Log.ReadAsync(stream))
        {
            envelopes.Add(envelope);
        }

        return envelopes;
    }
}
