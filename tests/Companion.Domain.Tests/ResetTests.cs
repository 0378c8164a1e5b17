using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class ResetTests
{
    private static readonly MemoryContextOptions Options = new();

    [Fact]
    public void A_reset_hides_every_earlier_memory_and_message_pinned_ones_too_and_deletes_nothing()
    {
        var state = Before().Then(new CompanionReset("c_sol", "r_1", "fresh start", null, Given.T0));

        var companion = state.Companions["c_sol"];
        var context = MemoryContextProjection.Build(companion, Options);
        Assert.Empty(context.PinnedMemories);
        Assert.Empty(context.SalientMemories);
        Assert.Empty(context.RecentMessages);
        Assert.Equal(8, context.HiddenBeforeVersion);
        Assert.Equal(2, companion.Memories.Count);
        Assert.Equal(2, companion.RecentMessages.Count);
    }

    [Fact]
    public void What_is_recorded_after_a_reset_shows_while_what_came_before_stays_hidden()
    {
        var state = Before().Then(
            new CompanionReset("c_sol", "r_1", null, null, Given.T0),
            new MessageRecorded("c_sol", "s_1", "msg_after", MessageRole.User, "hello again", null, null, Given.T0),
            new MemoryRecorded("c_sol", "m_after", "New start", "note", 0.5, true, null, Given.T0));

        var context = MemoryContextProjection.Build(state.Companions["c_sol"], Options);

        Assert.Equal(["msg_after"], context.RecentMessages.Select(m => m.MessageId));
        Assert.Equal(["m_after"], context.PinnedMemories.Select(m => m.Id));
        Assert.Empty(context.SalientMemories);
    }

    [Fact]
    public void Undoing_a_reset_brings_the_context_back_exactly()
    {
        var before = Before();
        var expected = MemoryContextProjection.Build(before.Companions["c_sol"], Options);
        var state = before.Then(new CompanionReset("c_sol", "r_1", null, null, Given.T0), new CompanionResetUndone("c_sol", "r_1", null, Given.T0));

        var context = MemoryContextProjection.Build(state.Companions["c_sol"], Options);

        Assert.Equal(expected.PinnedMemories.AsEnumerable(), context.PinnedMemories.AsEnumerable());
        Assert.Equal(expected.SalientMemories.AsEnumerable(), context.SalientMemories.AsEnumerable());
        Assert.Equal(expected.RecentMessages.AsEnumerable(), context.RecentMessages.AsEnumerable());
        Assert.Equal(0, context.HiddenBeforeVersion);
        Assert.Empty(state.Companions["c_sol"].ActiveResets);
    }

    [Fact]
    public void Undo_takes_back_the_newest_reset_and_the_older_one_stays_in_force()
    {
        var state = Before().Then(
            new CompanionReset("c_sol", "r_1", null, null, Given.T0),
            new MessageRecorded("c_sol", "s_1", "msg_between", MessageRole.User, "between", null, null, Given.T0),
            new CompanionReset("c_sol", "r_2", null, null, Given.T0));

        var undo = UserDecisions.UndoReset(state, "c_sol", null, Given.T0);
        var context = MemoryContextProjection.Build(state.Then(undo).Companions["c_sol"], Options);

        Assert.Equal("r_2", undo.ResetId);
        Assert.Equal(["msg_between"], context.RecentMessages.Select(m => m.MessageId));
        Assert.Equal(["r_1"], state.Then(undo).Companions["c_sol"].ActiveResets.Select(r => r.ResetId));
    }

    [Fact]
    public void Undo_without_a_reset_in_force_is_a_conflict()
    {
        var undone = Before().Then(new CompanionReset("c_sol", "r_1", null, null, Given.T0), new CompanionResetUndone("c_sol", "r_1", null, Given.T0));

        var never = Assert.Throws<DomainException>(() => UserDecisions.UndoReset(Before(), "c_sol", null, Given.T0));
        var twice = Assert.Throws<DomainException>(() => UserDecisions.UndoReset(undone, "c_sol", null, Given.T0));

        Assert.Equal(DomainErrorKind.Conflict, never.Kind);
        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
        Assert.Contains("no reset in force", never.Message);
    }

    [Fact]
    public void A_reset_needs_a_known_companion_and_a_valid_reason()
    {
        Assert.Equal(DomainErrorKind.NotFound,
            Assert.Throws<DomainException>(() => UserDecisions.ResetCompanion(Before(), "c_ghost", "r_1", null, null, Given.T0)).Kind);
        Assert.Contains("'reason'",
            Assert.Throws<DomainException>(() => UserDecisions.ResetCompanion(Before(), "c_sol", "r_1", "bell\u0007", null, Given.T0)).Message);
    }

    [Fact]
    public void Keyed_resets_and_undos_are_remembered_with_the_reset_id_and_version()
    {
        var state = Before().Then(
            new CompanionReset("c_sol", "r_1", null, "req-reset", Given.T0),
            new CompanionResetUndone("c_sol", "r_1", "req-undo", Given.T0));

        Assert.Equal(new RequestOutcome("r_1", 8, RequestFingerprint.Of((string?)null)), state.Requests.Find(CompanionReset.KeyOf("c_sol", "req-reset")!));
        Assert.Equal(new RequestOutcome("r_1", 9, RequestFingerprint.Of()), state.Requests.Find(CompanionResetUndone.KeyOf("c_sol", "req-undo")!));
    }

    [Fact]
    public void Undoing_a_reset_that_is_not_in_force_cannot_be_applied()
    {
        Assert.Throws<InvalidOperationException>(() => Before().Then(new CompanionResetUndone("c_sol", "r_none", null, Given.T0)));
    }

    /// <summary>Versions 1-7: user, companion, session, a pinned and a salient memory, two messages; a reset next is version 8.</summary>
    private static UserState Before() => Given.WithSession().Then(
        new MemoryRecorded("c_sol", "m_pin", "Sister is Ada", "fact", 0.9, true, null, Given.T0),
        new MemoryRecorded("c_sol", "m_note", "Likes rain", "note", 0.4, false, null, Given.T0),
        new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.User, "People always leave.", null, null, Given.T0),
        new MessageRecorded("c_sol", "s_1", "msg_2", MessageRole.Companion, "I am still here.", null, null, Given.T0));
}
