using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class UserStateApplyTests
{
    [Fact]
    public void Every_event_advances_the_version_by_one_and_records_its_time()
    {
        var later = Given.T0.AddMinutes(5);
        var state = Given.WithSession().Then(new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.User, "hi", null, null, later));

        Assert.Equal(4, state.Version);
        Assert.Equal(later, state.LastEventAt);
    }

    [Fact]
    public void Messages_are_kept_per_companion_within_the_recent_window_while_counts_keep_growing()
    {
        var state = Given.WithSession();
        var events = Enumerable.Range(0, CompanionState.RecentMessageWindow + 7)
            .Select(i => (UserEvent)new MessageRecorded("c_sol", "s_1", $"msg_{i}", MessageRole.User, $"text {i}", null, null, Given.T0.AddSeconds(i)));
        state = state.Then(events.ToArray());

        var companion = state.Companions["c_sol"];
        Assert.Equal(CompanionState.RecentMessageWindow, companion.RecentMessages.Count);
        Assert.Equal("msg_7", companion.RecentMessages[0].MessageId);
        Assert.Equal(CompanionState.RecentMessageWindow + 7, companion.MessageCount);
        Assert.Equal(CompanionState.RecentMessageWindow + 7, companion.OpenSessions["s_1"].MessageCount);
    }

    [Fact]
    public void Ending_a_session_closes_it_but_keeps_its_messages()
    {
        var state = Given.WithSession().Then(
            new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.Companion, "Good morning", new ModelRuntime("model-a", "vllm", null), null, Given.T0),
            new SessionEnded("c_sol", "s_1", Given.T0));

        var companion = state.Companions["c_sol"];
        Assert.Empty(companion.OpenSessions);
        Assert.Equal(1, companion.SessionCount);
        Assert.Equal(new ModelRuntime("model-a", "vllm", null), Assert.Single(companion.RecentMessages).Producer);
    }

    [Fact]
    public void Forgetting_marks_a_memory_and_keeps_it_in_state()
    {
        var state = Given.WithCompanion().Then(
            new MemoryRecorded("c_sol", "m_1", "Likes rain", "preference", 0.4, false, null, Given.T0),
            new MemoryPinned("c_sol", "m_1", true, Given.T0),
            new MemoryForgotten("c_sol", "m_1", Given.T0.AddDays(1)));

        var memory = state.Companions["c_sol"].Memories["m_1"];
        Assert.True(memory.Pinned);
        Assert.True(memory.IsForgotten);
        Assert.Equal(Given.T0.AddDays(1), memory.ForgottenAt);
    }

    [Fact]
    public void A_persona_revision_replaces_the_persona_and_counts_the_revision()
    {
        var revised = Persona.Empty with { Description = "calm", Personality = "playful" };
        var state = Given.WithCompanion().Then(new PersonaRevised("c_sol", revised, "user asked", Given.T0));

        Assert.Equal("playful", state.Companions["c_sol"].Persona.Personality);
        Assert.Equal(2, state.Companions["c_sol"].PersonaRevision);
    }

    [Fact]
    public void Keyed_events_are_remembered_with_their_result_and_version()
    {
        var state = Given.WithSession().Then(
            new MessageRecorded("c_sol", "s_1", "msg_1", MessageRole.User, "hi", null, "client-1", Given.T0),
            new JournalEntryWritten("j_1", null, "dear diary", "calm", "client-1", Given.T0));

        Assert.Equal(new RequestOutcome("msg_1", 4, RequestFingerprint.Of("User", "hi", null, null, null)),
            state.Requests.Find(MessageRecorded.KeyOf("c_sol", "s_1", "client-1")!));
        Assert.Equal(new RequestOutcome("j_1", 5, RequestFingerprint.Of(null, "dear diary", "calm")), state.Requests.Find(JournalEntryWritten.KeyOf("client-1")!));
        Assert.Null(state.Requests.Find(MemoryRecorded.KeyOf("c_sol", "client-1")!));
        Assert.Null(state.Requests.Find(MessageRecorded.KeyOf("c_sol", "s_2", "client-1")!));
    }

    [Fact]
    public void An_event_about_a_companion_the_log_never_created_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Given.Registered().Then(new SessionStarted("c_ghost", "s_1", null, Given.T0)));

        Assert.Contains("c_ghost", error.Message);
    }

    [Fact]
    public void The_request_index_forgets_the_oldest_keys_beyond_its_capacity()
    {
        var index = RequestIndex.Empty;
        for (var i = 0; i < RequestIndex.Capacity + 3; i++)
        {
            index = index.Remember(new RequestKey("message-recorded/c_sol/s_1", $"k{i}"), new RequestOutcome($"msg_{i}", i + 1, ""));
        }

        Assert.Equal(RequestIndex.Capacity, index.Outcomes.Count);
        Assert.Null(index.Find(new RequestKey("message-recorded/c_sol/s_1", "k2")));
        Assert.NotNull(index.Find(new RequestKey("message-recorded/c_sol/s_1", "k3")));
    }
}
