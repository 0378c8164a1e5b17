using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class RuntimeChangeTests
{
    private static readonly ModelRuntime Sol7 = new("sol-7b-chat", "llama.cpp", "b4500");
    private static readonly ModelRuntime Sol8 = new("sol-8b-chat", "vllm", "0.7.0");

    [Fact]
    public void The_first_companion_message_with_a_producer_records_the_runtime_change_before_it()
    {
        var decided = Say(Given.WithSession(), MessageRole.Companion, Sol7);

        var changed = Assert.IsType<CompanionRuntimeChanged>(decided.Events[0]);
        Assert.Same(decided.Message, decided.Events[1]);
        Assert.Equal(new CompanionRuntimeChanged("c_sol", null, Sol7, Given.T0), changed);
    }

    [Fact]
    public void The_same_producer_again_records_only_the_message()
    {
        var state = Given.WithSession().Then([.. Say(Given.WithSession(), MessageRole.Companion, Sol7).Events]);

        var decided = Say(state, MessageRole.Companion, Sol7 with { });

        Assert.Equal([decided.Message], decided.Events);
    }

    [Theory]
    [InlineData("sol-8b-chat", "llama.cpp", "b4500")]
    [InlineData("sol-7b-chat", "vllm", "b4500")]
    [InlineData("sol-7b-chat", "llama.cpp", "b4600")]
    [InlineData("sol-7b-chat", null, null)]
    public void A_different_model_runtime_or_runtime_version_is_a_runtime_change_from_the_last_known_one(string model, string? runtime, string? version)
    {
        var state = Given.WithSession().Then([.. Say(Given.WithSession(), MessageRole.Companion, Sol7).Events]);
        var next = new ModelRuntime(model, runtime, version);

        var decided = Say(state, MessageRole.Companion, next);
        var after = state.Then([.. decided.Events]);

        Assert.Equal(new CompanionRuntimeChanged("c_sol", Sol7, next, Given.T0), decided.RuntimeChanged);
        Assert.Equal(next, after.Companions["c_sol"].Runtime);
        Assert.Equal(next, after.Companions["c_sol"].RecentMessages[^1].Producer);
    }

    [Fact]
    public void User_messages_and_companion_messages_without_a_producer_change_no_runtime()
    {
        var state = Given.WithSession().Then([.. Say(Given.WithSession(), MessageRole.Companion, Sol7).Events]);

        Assert.Null(Say(state, MessageRole.User, null).RuntimeChanged);
        Assert.Null(Say(state, MessageRole.User, Sol8).RuntimeChanged);
        Assert.Null(Say(state, MessageRole.Companion, null).RuntimeChanged);
        Assert.Equal(Sol7, state.Then(Say(state, MessageRole.Companion, null).Message).Companions["c_sol"].Runtime);
    }

    [Fact]
    public void A_companion_message_from_a_log_without_runtime_changes_still_sets_the_last_known_runtime()
    {
        var state = Given.WithSession().Then(new MessageRecorded("c_sol", "s_1", "msg_old", MessageRole.Companion, "hi", new ModelRuntime("legacy", null, null), null, Given.T0));

        Assert.Equal(new ModelRuntime("legacy", null, null), state.Companions["c_sol"].Runtime);
        Assert.Null(Say(state, MessageRole.Companion, new ModelRuntime("legacy", null, null)).RuntimeChanged);
    }

    [Theory]
    [InlineData("has space", null, null, "'modelId'")]
    [InlineData("sol", "bad runtime", null, "'runtime'")]
    [InlineData("sol", "vllm", "", "'runtimeVersion'")]
    public void A_producer_with_a_bad_field_is_refused_naming_the_field(string model, string? runtime, string? version, string field)
    {
        var error = Assert.Throws<DomainException>(() => Say(Given.WithSession(), MessageRole.Companion, new ModelRuntime(model, runtime, version)));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(field, error.Message);
    }

    private static RecordedMessage Say(UserState state, MessageRole role, ModelRuntime? producer) =>
        UserDecisions.RecordMessage(state, "c_sol", "s_1", $"msg_{state.Version}", role, "hello", producer, null, Given.T0);
}
