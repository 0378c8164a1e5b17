using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class RuntimePinTests
{
    private static readonly ModelRuntime Sol8 = new("sol-8b-chat", "vllm", "0.7.0");
    private static readonly ModelRuntime Lumen = new("lumen-13b", "vllm", "0.6.3");

    [Fact]
    public void A_pin_is_kept_by_the_companion_and_carried_by_its_context()
    {
        var state = Given.WithSession().Then(ReflectionDecisions.PinRuntime(Given.WithSession(), "c_sol", Sol8, Given.T0) ?? throw new InvalidOperationException());

        Assert.Equal(Sol8, state.Companions["c_sol"].PinnedRuntime);
        Assert.Equal(Sol8, MemoryContextProjection.Build(state.Companions["c_sol"], new MemoryContextOptions()).PinnedRuntime);
        Assert.Null(ReflectionDecisions.PinRuntime(state, "c_sol", Sol8 with { }, Given.T0));
    }

    [Fact]
    public void A_pin_without_a_model_is_refused()
    {
        var refused = Assert.Throws<DomainException>(() => ReflectionDecisions.PinRuntime(Given.WithCompanion(), "c_sol", new ModelRuntime("", null, null), Given.T0));

        Assert.Equal(DomainErrorKind.Invalid, refused.Kind);
    }

    [Fact]
    public void The_changes_list_the_pin_and_each_move_away_from_it_once_in_words()
    {
        UserEvent[] events =
        [
            new UserRegistered("u_robin0000", "Robin", Given.T0),
            new CompanionCreated("c_sol", "Sol", Persona.Empty, null, Given.T0),
            new SessionStarted("c_sol", "s_1", null, Given.T0),
            new CompanionRuntimePinned("c_sol", Sol8, Given.T0),
            Said(Sol8),
            Said(Lumen),
            Said(Lumen),
            Said(Sol8),
            Said(Lumen),
        ];
        var timeline = new CompanionTimeline("c_sol");
        for (var i = 0; i < events.Length; i++)
        {
            timeline.Add(i + 1, events[i]);
        }

        var changes = timeline.Changes.Where(c => c.Kind is "runtime-pinned" or "producer-mismatch").Reverse().ToList();

        Assert.Equal(["runtime-pinned", "producer-mismatch", "producer-mismatch"], changes.Select(c => c.Kind));
        Assert.Equal([4L, 6L, 9L], changes.Select(c => c.Version));
        Assert.Equal("Spoke with model lumen-13b on vllm 0.6.3, not the pinned model sol-8b-chat on vllm 0.7.0.", changes[1].Summary);
    }

    private static MessageRecorded Said(ModelRuntime producer) =>
        new("c_sol", "s_1", "msg", MessageRole.Companion, "hello", producer, null, Given.T0);
}
