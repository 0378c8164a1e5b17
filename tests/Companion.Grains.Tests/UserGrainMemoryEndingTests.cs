using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Grains.Tests;

/// <summary>A fact that ended with nothing in its place: kept as history, through reactivation, retries answered once.</summary>
public sealed class UserGrainMemoryEndingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset Started = new(2023, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BrokeUp = new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_ended_fact_is_kept_with_its_end_leaves_the_context_and_the_state_before_the_ending_shows_it_open()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var job = await user.RecordMemory(companion.Id, new MemoryInput("Robin works at the bakery.", "fact", 0.9, false, null, new MemorySupersession(ValidFrom: Started)));
        var cat = await user.RecordMemory(companion.Id, new MemoryInput("Robin has a cat.", "fact", 0.5, false, null));

        var ended = await user.EndMemory(companion.Id, job.Id, new MemoryEnding(BrokeUp, "new job"));
        await fixture.DeactivateAllAsync();

        var memory = (await user.GetState()).Companions[companion.Id].Memories[job.Id];
        Assert.Equal((job.Id, cat.Version + 1, false), (ended.Id, ended.Version, ended.Duplicate));
        Assert.Equal(("Robin works at the bakery.", (DateTimeOffset?)Started, (DateTimeOffset?)BrokeUp, false), (memory.Text, memory.ValidFrom, memory.ValidTo, memory.IsForgotten));
        Assert.Equal([cat.Id], (await user.GetContext(companion.Id, 12_000, 30)).SalientMemories.Select(m => m.Id));
        Assert.Null((await user.GetStateAt(cat.Version)).State.Companions[companion.Id].Memories[job.Id].ValidTo);
    }

    [Fact]
    public async Task A_retried_ending_answers_the_first_result_and_ending_again_without_its_key_is_a_conflict()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var memory = await user.RecordMemory(companion.Id, new MemoryInput("Robin is seeing Sam.", "relationship", 0.8, false, null));
        var first = await user.EndMemory(companion.Id, memory.Id, new MemoryEnding(BrokeUp, "we broke up", "end-sam"));

        var retry = await user.EndMemory(companion.Id, memory.Id, new MemoryEnding(BrokeUp, "we broke up", "end-sam"));
        await fixture.DeactivateAllAsync();
        var retryAfterReactivation = await user.EndMemory(companion.Id, memory.Id, new MemoryEnding(BrokeUp, "we broke up", "end-sam"));
        var again = await Assert.ThrowsAsync<DomainException>(() => user.EndMemory(companion.Id, memory.Id, new MemoryEnding(BrokeUp.AddDays(1))));

        Assert.Equal(new CommandResult(memory.Id, first.Version, Duplicate: true), retry);
        Assert.Equal(retry, retryAfterReactivation);
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Contains("already ends", again.Message, StringComparison.Ordinal);
        Assert.Equal(first.Version, (await user.GetActivationStats()).Version);
    }

    [Fact]
    public async Task A_refused_ending_writes_nothing()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var memory = await user.RecordMemory(companion.Id, new MemoryInput("Robin works at the bakery.", "fact", 0.9, false, null, new MemorySupersession(ValidFrom: Started)));

        var unknown = await Assert.ThrowsAsync<DomainException>(() => user.EndMemory(companion.Id, "m_nowhere", new MemoryEnding()));
        var early = await Assert.ThrowsAsync<DomainException>(() => user.EndMemory(companion.Id, memory.Id, new MemoryEnding(Started.AddDays(-1))));

        Assert.Equal((DomainErrorKind.NotFound, DomainErrorKind.Invalid), (unknown.Kind, early.Kind));
        Assert.Equal(memory.Version, (await user.GetActivationStats()).Version);
        Assert.Null((await user.GetState()).Companions[companion.Id].Memories[memory.Id].ValidTo);
    }
}
