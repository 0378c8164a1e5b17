using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class MemorySupersessionTests
{
    private static readonly DateTimeOffset Moved = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static UserState LivesInLyon() => Given.WithCompanion().Then(
        new MemoryRecorded("c_sol", "m_lyon", "Robin lives in Lyon.", "fact", 0.7, false, null, Given.T0, ValidFrom: new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero)));

    private static MemoryRecorded Supersede(UserState state, string supersedes, DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null, string id = "m_new") =>
        UserDecisions.RecordMemory(state, "c_sol", id, "Robin lives in Oslo.", "fact", 0.7, false, null, Given.T0.AddDays(1),
            new MemorySupersession(supersedes, validFrom, validTo));

    [Fact]
    public void Contradicting_a_fact_keeps_the_old_one_marked_with_its_successor_and_its_validity_ended()
    {
        var state = LivesInLyon();

        var after = state.Then(Supersede(state, "m_lyon", Moved));

        var memories = after.Companions["c_sol"].Memories;
        Assert.Equal(("Robin lives in Lyon.", "m_new", (DateTimeOffset?)Moved), (memories["m_lyon"].Text, memories["m_lyon"].SupersededBy, memories["m_lyon"].ValidTo));
        Assert.Equal(("m_lyon", (DateTimeOffset?)Moved, false), (memories["m_new"].Supersedes, memories["m_new"].ValidFrom, memories["m_new"].IsSuperseded));
    }

    [Fact]
    public void Without_a_valid_from_the_old_fact_ends_when_the_new_one_was_recorded()
    {
        var state = LivesInLyon();

        var after = state.Then(Supersede(state, "m_lyon"));

        Assert.Equal(Given.T0.AddDays(1), after.Companions["c_sol"].Memories["m_lyon"].ValidTo);
    }

    [Fact]
    public void The_context_and_the_current_list_leave_the_superseded_memory_out_and_valid_at_finds_it()
    {
        var state = LivesInLyon();
        var after = state.Then(Supersede(state, "m_lyon", Moved));
        var companion = after.Companions["c_sol"];

        var context = MemoryContextProjection.Build(companion, new MemoryContextOptions());

        Assert.Equal(["m_new"], context.SalientMemories.Select(m => m.Id));
        Assert.Equal(["m_new"], MemoryList.Of(companion, after.Version, null, false, Moved).Memories.Select(m => m.Id));
        Assert.Equal(["m_lyon", "m_new"], MemoryList.Of(companion, after.Version, null, true, Moved).Memories.Select(m => m.Id));
        Assert.Equal(["m_lyon"], MemoryList.Of(companion, after.Version, Moved.AddDays(-1), false, Moved).Memories.Select(m => m.Id));
        Assert.Equal(["m_new"], MemoryList.Of(companion, after.Version, Moved, false, Moved).Memories.Select(m => m.Id));
        Assert.Empty(MemoryList.Of(companion, after.Version, new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero), false, Moved).Memories);
    }

    [Fact]
    public void Validity_that_ends_before_it_begins_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Supersede(LivesInLyon(), "m_lyon", Moved, Moved.AddDays(-1)));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("'validTo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Superseding_a_memory_the_companion_does_not_have_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Supersede(LivesInLyon(), "m_nowhere"));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("m_nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Superseding_a_forgotten_memory_is_a_conflict()
    {
        var state = LivesInLyon().Then(new MemoryForgotten("c_sol", "m_lyon", Given.T0));

        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => Supersede(state, "m_lyon")).Kind);
    }

    [Fact]
    public void Superseding_a_memory_twice_is_a_conflict_that_names_its_successor()
    {
        var state = LivesInLyon();
        var after = state.Then(Supersede(state, "m_lyon", Moved));

        var error = Assert.Throws<DomainException>(() => Supersede(after, "m_lyon", id: "m_fork"));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains("supersede 'm_new' instead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_successor_that_holds_before_the_old_fact_began_is_a_conflict()
    {
        var error = Assert.Throws<DomainException>(() => Supersede(LivesInLyon(), "m_lyon", new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void The_companion_timeline_says_what_the_new_memory_replaced()
    {
        var state = LivesInLyon();
        var supersede = Supersede(state, "m_lyon", Moved);
        var timeline = new CompanionTimeline("c_sol");
        timeline.Add(2, new MemoryRecorded("c_sol", "m_lyon", "Robin lives in Lyon.", "fact", 0.7, false, null, Given.T0));
        timeline.Add(3, supersede);

        var change = Assert.Single(timeline.Changes);
        Assert.Equal("memory-superseded", change.Kind);
        Assert.Contains("\"Robin lives in Oslo.\" instead of \"Robin lives in Lyon.\"", change.Summary, StringComparison.Ordinal);
    }
}
