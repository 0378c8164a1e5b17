using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Domain.Tests;

/// <summary>
/// Ids and labels are checked against their whole text: a .NET <c>$</c> also matches before a
/// final line break, so "x\n" once passed for "x".
/// </summary>
public sealed class WholeTextValidationTests
{
    public static TheoryData<string> Lookalikes => ["msg_1\n", "msg_1\r\n", "\nmsg_1", "msg\n_1"];

    public static TheoryData<string> LookalikeLabels => ["hopeful\n", "hopeful\r\n", "\nhopeful"];

    [Theory]
    [MemberData(nameof(Lookalikes))]
    public void A_message_id_with_a_line_break_is_refused(string messageId)
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMessage(Given.WithSession(), "c_sol", "s_1", "msg_server", MessageRole.User, "hi", null, messageId, Given.T0));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("'messageId'", error.Message);
    }

    [Theory]
    [MemberData(nameof(Lookalikes))]
    public void A_request_id_with_a_line_break_is_refused(string requestId)
    {
        var error = Assert.Throws<DomainException>(() => UserDecisions.StartSession(Given.WithCompanion(), "c_sol", "s_2", requestId, Given.T0));

        Assert.Contains("'requestId'", error.Message);
    }

    [Theory]
    [InlineData("demo-model\n", "'modelId'")]
    [InlineData("demo-model", "'runtime'")]
    public void A_model_or_runtime_name_with_a_line_break_is_refused(string model, string field)
    {
        var runtime = field == "'runtime'" ? "llama.cpp\n" : "llama.cpp";
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMessage(Given.WithSession(), "c_sol", "s_1", "msg_server", MessageRole.Companion, "hi",
                new ModelRuntime(model, runtime, null), null, Given.T0));

        Assert.Contains(field, error.Message);
    }

    [Theory]
    [MemberData(nameof(LookalikeLabels))]
    public void A_mood_or_prompt_kind_with_a_line_break_is_refused(string label)
    {
        var mood = Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Given.Registered(), "j_1", null, "text", label, null, Given.T0));
        var prompt = Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Given.Registered(), "j_1", label, "text", null, null, Given.T0));

        Assert.Contains("'mood'", mood.Message);
        Assert.Contains("'prompt'", prompt.Message);
    }

    [Theory]
    [MemberData(nameof(LookalikeLabels))]
    public void A_memory_kind_with_a_line_break_is_refused(string kind)
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMemory(Given.WithCompanion(), "c_sol", "m_1", "Robin likes tea.", kind, 0.5, false, null, Given.T0));

        Assert.Contains("'kind'", error.Message);
    }

    [Theory]
    [InlineData("u_robin0001\n")]
    [InlineData("u_robin0001\r\n")]
    [InlineData("\nu_robin0001")]
    [InlineData("U_robin0001")]
    [InlineData("u_robin")]
    public void A_user_id_is_its_whole_text_or_nothing(string id) => Assert.False(UserIds.IsValid(id));

    [Fact]
    public void A_user_id_of_the_shape_this_service_makes_is_valid() => Assert.True(UserIds.IsValid("u_robin0001"));
}
