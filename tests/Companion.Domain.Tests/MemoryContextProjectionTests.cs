using Companion.Domain.Events;
using Companion.Domain.Projections;

namespace Companion.Domain.Tests;

public sealed class MemoryContextProjectionTests
{
    [Fact]
    public void Pinned_memories_come_first_then_the_most_salient_and_forgotten_ones_never()
    {
        var state = Given.WithCompanion().Then(
            new MemoryRecorded("c_sol", "m_low", "low", "note", 0.1, false, null, Given.T0),
            new MemoryRecorded("c_sol", "m_high", "high", "note", 0.9, false, null, Given.T0),
            new MemoryRecorded("c_sol", "m_pin", "pinned", "fact", 0.2, true, null, Given.T0),
            new MemoryRecorded("c_sol", "m_gone", "gone", "note", 1.0, false, null, Given.T0),
            new MemoryForgotten("c_sol", "m_gone", Given.T0));

        var context = MemoryContextProjection.Build(state.Companions["c_sol"], new MemoryContextOptions());

        Assert.Equal(["m_pin"], context.PinnedMemories.Select(m => m.Id));
        Assert.Equal(["m_high", "m_low"], context.SalientMemories.Select(m => m.Id));
    }

    [Fact]
    public void Recent_messages_are_the_newest_that_fit_the_budget_in_chronological_order()
    {
        var state = Given.WithSession().Then(Enumerable.Range(0, 10)
            .Select(i => (UserEvent)new MessageRecorded("c_sol", "s_1", $"msg_{i}", MessageRole.User, new string('x', 100), null, null, Given.T0.AddSeconds(i)))
            .ToArray());
        var personaChars = "Sol".Length + "calm".Length;

        var context = MemoryContextProjection.Build(state.Companions["c_sol"], new MemoryContextOptions(BudgetChars: personaChars + 350));

        Assert.Equal(["msg_7", "msg_8", "msg_9"], context.RecentMessages.Select(m => m.MessageId));
        Assert.True(context.UsedChars <= context.BudgetChars);
        Assert.Equal(1, context.LeftOut);
    }

    [Fact]
    public void The_message_count_is_capped_by_max_messages()
    {
        var state = Given.WithSession().Then(Enumerable.Range(0, 10)
            .Select(i => (UserEvent)new MessageRecorded("c_sol", "s_1", $"msg_{i}", MessageRole.User, "hi", null, null, Given.T0))
            .ToArray());

        var context = MemoryContextProjection.Build(state.Companions["c_sol"], new MemoryContextOptions(MaxMessages: 4));

        Assert.Equal(["msg_6", "msg_7", "msg_8", "msg_9"], context.RecentMessages.Select(m => m.MessageId));
    }
}
