using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Domain.Tests;

public sealed class UserDecisionsTests
{
    [Fact]
    public void A_message_needs_an_open_session()
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMessage(Given.WithCompanion(), "c_sol", "s_none", "msg_1", MessageRole.User, "hi", null, null, Given.T0));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains("s_none", error.Message);
    }

    [Theory]
    [InlineData("", "'text' is required")]
    [InlineData("   ", "'text' is required")]
    [InlineData("bell\u0007", "control character U+0007")]
    public void Bad_message_text_is_refused_with_a_message_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMessage(Given.WithSession(), "c_sol", "s_1", "msg_1", MessageRole.User, text, null, null, Given.T0));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Text_with_an_unpaired_surrogate_is_refused()
    {
        var text = "broken " + '\ud800' + " surrogate";
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMessage(Given.WithSession(), "c_sol", "s_1", "msg_1", MessageRole.User, text, null, null, Given.T0));

        Assert.Contains("unpaired surrogate", error.Message);
    }

    [Fact]
    public void Text_over_the_limit_is_refused_and_says_the_limit()
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.WriteJournal(Given.Registered(), "j_1", null, new string('a', Limits.JournalText + 1), null, null, Given.T0));

        Assert.Contains($"limit is {Limits.JournalText}", error.Message);
    }

    [Fact]
    public void Multiline_text_with_tabs_and_emoji_is_accepted()
    {
        var entry = UserDecisions.WriteJournal(Given.Registered(), "j_1", "reframe", "People always leave?\n\tNot Ada. 🌧️", "hopeful", null, Given.T0);

        Assert.Equal("reframe", entry.PromptKind);
    }

    [Fact]
    public void Salience_must_lie_between_zero_and_one()
    {
        Assert.Throws<DomainException>(() =>
            UserDecisions.RecordMemory(Given.WithCompanion(), "c_sol", "m_1", "x", null, 1.5, false, null, Given.T0));
        var memory = UserDecisions.RecordMemory(Given.WithCompanion(), "c_sol", "m_1", "x", null, null, false, null, Given.T0);

        Assert.Equal(0.5, memory.Salience);
        Assert.Equal("note", memory.Kind);
    }

    [Fact]
    public void A_persona_revision_that_changes_nothing_is_refused()
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.RevisePersona(Given.WithCompanion(), "c_sol", new PersonaChanges(Description: "calm"), null, Given.T0));

        Assert.Contains("change nothing", error.Message);
    }

    [Fact]
    public void Persona_extensions_must_be_a_json_object()
    {
        var error = Assert.Throws<DomainException>(() =>
            UserDecisions.CreateCompanion(Given.Registered(), "c_1", "Sol", Persona.Empty with { Extensions = "[1,2]" }, null, Given.T0));

        Assert.Contains("persona.extensions", error.Message);
    }

    [Fact]
    public void Registering_twice_is_a_conflict_and_commands_on_an_unknown_user_are_not_found()
    {
        Assert.Equal(DomainErrorKind.Conflict,
            Assert.Throws<DomainException>(() => UserDecisions.Register(Given.Registered(), "u_x", "Robin", Given.T0)).Kind);
        Assert.Equal(DomainErrorKind.NotFound,
            Assert.Throws<DomainException>(() => UserDecisions.WriteJournal(Domain.State.UserState.Empty, "j_1", null, "x", null, null, Given.T0)).Kind);
    }

    [Fact]
    public void A_forgotten_memory_cannot_be_forgotten_or_pinned_again()
    {
        var state = Given.WithCompanion().Then(
            new MemoryRecorded("c_sol", "m_1", "x", "note", 0.5, false, null, Given.T0),
            new MemoryForgotten("c_sol", "m_1", Given.T0));

        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => UserDecisions.ForgetMemory(state, "c_sol", "m_1", Given.T0)).Kind);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => UserDecisions.PinMemory(state, "c_sol", "m_1", true, Given.T0)).Kind);
    }
}
