using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Grains.Tests;

/// <summary>
/// Client keys are scoped to what they identify, and a key that comes back with another request
/// is refused, never answered as a duplicate of something it is not.
/// </summary>
public sealed class ClientKeyTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_message_id_reused_in_another_session_records_the_other_message()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var first = await user.StartSession(companion.Id, null);
        var second = await user.StartSession(companion.Id, null);

        var a = await user.RecordMessage(companion.Id, first.Id, MessageRole.User, "Good morning.", null, "m-1");
        var b = await user.RecordMessage(companion.Id, second.Id, MessageRole.User, "Good night.", null, "m-1");

        Assert.False(b.Duplicate);
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a.Version + 1, b.Version);
        Assert.Contains((await user.GetState()).Companions[companion.Id].RecentMessages, m => m.Text == "Good night.");
    }

    [Fact]
    public async Task A_message_id_reused_with_another_companion_records_the_other_message()
    {
        var user = await fixture.NewUserAsync();
        var sol = await user.CreateCompanion("Sol", Persona.Empty, null);
        var ada = await user.CreateCompanion("Ada", Persona.Empty, null);
        var withSol = await user.StartSession(sol.Id, null);
        var withAda = await user.StartSession(ada.Id, null);

        await user.RecordMessage(sol.Id, withSol.Id, MessageRole.User, "Hello Sol.", null, "m-1");
        var toAda = await user.RecordMessage(ada.Id, withAda.Id, MessageRole.User, "Hello Ada.", null, "m-1");

        Assert.False(toAda.Duplicate);
        Assert.Single((await user.GetState()).Companions[ada.Id].RecentMessages, m => m.Text == "Hello Ada.");
    }

    [Fact]
    public async Task A_message_id_that_comes_back_with_other_text_is_a_conflict_and_writes_nothing()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var session = await user.StartSession(companion.Id, null);
        var first = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "I passed the exam.", null, "m-1");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            user.RecordMessage(companion.Id, session.Id, MessageRole.User, "I failed the exam.", null, "m-1"));
        var retry = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "I passed the exam.", null, "m-1");

        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Contains("'m-1' was already used here as the key of a different request", refused.Message);
        Assert.Equal(new CommandResult(first.Id, first.Version, Duplicate: true), retry);
        Assert.Equal(first.Version, (await user.GetActivationStats()).Version);
    }

    [Fact]
    public async Task A_retried_message_after_its_session_ended_is_still_answered_as_a_duplicate()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var session = await user.StartSession(companion.Id, null);
        var first = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "Bye for now.", null, "m-last");
        await user.EndSession(companion.Id, session.Id);

        var retry = await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "Bye for now.", null, "m-last");

        Assert.Equal(new CommandResult(first.Id, first.Version, Duplicate: true), retry);
    }

    [Fact]
    public async Task Request_ids_of_journal_entries_and_memories_that_come_back_with_other_text_are_conflicts()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        await user.WriteJournal(null, "A calm day.", "calm", "r-1");
        await user.RecordMemory(companion.Id, new MemoryInput("Likes rain.", null, null, false, "r-1"));

        var journal = await Assert.ThrowsAsync<DomainException>(() => user.WriteJournal(null, "A hard day.", "tired", "r-1"));
        var memory = await Assert.ThrowsAsync<DomainException>(() =>
            user.RecordMemory(companion.Id, new MemoryInput("Hates rain.", null, null, false, "r-1")));
        var sameMemory = await user.RecordMemory(companion.Id, new MemoryInput("Likes rain.", null, null, false, "r-1"));

        Assert.Equal(DomainErrorKind.Conflict, journal.Kind);
        Assert.Equal(DomainErrorKind.Conflict, memory.Kind);
        Assert.True(sameMemory.Duplicate);
    }
}
