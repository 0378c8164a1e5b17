using System.Net;
using System.Text.Json;

namespace Companion.Client.Tests;

/// <summary>
/// The README's tour, and every other call the client has, driven through the client against a
/// real silo, checking each answer. The contract test runs it too, to see every route the client uses.
/// </summary>
internal static class ReadmeTour
{
    public static async Task RunAsync(ClientSilo silo, params DelegatingHandler[] handlers)
    {
        var admin = silo.Admin(handlers);

        // The operator creates a user; the answer holds the user's id and bearer token.
        var robin = await admin.CreateUserAsync("Robin");
        var user = robin.UserId;
        var client = admin.WithToken(robin.Token);
        Assert.Equal(1, robin.Version);

        // A companion with a persona, and a conversation.
        var sol = await client.CreateCompanionAsync(user, new NewCompanion("Sol", new PersonaFields("A calm, curious friend.", "warm, patient")));
        var c = sol.CompanionId;
        var session = await client.StartSessionAsync(user, c);
        var first = await client.RecordMessageAsync(user, c, session.SessionId, new NewMessage(MessageRole.User, "People always leave.", "client-1"));
        var answer = await client.RecordMessageAsync(user, c, session.SessionId,
            new NewMessage(MessageRole.Companion, "I am still here. Who stayed, even once?", ModelId: "demo-model"));
        Assert.False(first.Duplicate);
        Assert.True(answer.Version > first.Version);

        // Sending the same messageId again writes nothing and returns the original answer.
        var again = await client.RecordMessageAsync(user, c, session.SessionId, new NewMessage(MessageRole.User, "People always leave.", "client-1"));
        Assert.Equal((first.MessageId, first.Version, true), (again.MessageId, again.Version, again.Duplicate));

        // A memory the companion keeps, and a journal entry from the daily secure-base check-in.
        var memory = await client.RecordMemoryAsync(user, c, new NewMemory("Robin is reframing the story that people always leave.", "insight", 0.9, true));
        var entry = await client.WriteJournalAsync(user, new NewJournalEntry("Woke up anxious, then remembered Ada called back.", "secure-base-check-in", "hopeful"));

        // What the model gets, and the journal.
        var context = await client.GetContextAsync(user, c, budget: 4000);
        Assert.Equal("A calm, curious friend.", context.Persona.Description);
        Assert.Equal(memory.MemoryId, Assert.Single(context.PinnedMemories).Id);
        Assert.Equal([MessageRole.User, MessageRole.Companion], context.RecentMessages.Select(m => m.Role));
        Assert.Equal("demo-model", context.RecentMessages[1].Producer?.Model);
        var journal = await client.GetJournalAsync(user);
        Assert.Equal((entry.EntryId, "hopeful"), (Assert.Single(journal.Entries).Id, journal.Entries[0].Mood));
        Assert.Empty((await client.GetJournalAsync(user, from: DateTimeOffset.UtcNow.AddDays(1))).Entries);

        // The raw log: every envelope with its hashes, payloads encrypted as stored and decrypted beside.
        var page = await client.GetEventsAsync(user, from: 1, limit: 3);
        Assert.Equal([1L, 2, 3], page.Events.Select(e => e.Version));
        Assert.Equal(4, page.Next);
        Assert.Equal(page.Events[0].Hash, page.Events[1].PreviousHash);
        Assert.Equal(JsonValueKind.String, page.Events[0].Payload.ValueKind);
        Assert.Equal("Robin", page.Events[0].DecryptedPayload?.GetProperty("displayName").GetString());

        // The rest of what a companion app does.
        var card = JsonSerializer.SerializeToElement(new
        {
            spec = "chara_card_v2",
            spec_version = "2.0",
            data = new { name = "Ada", description = "Steady and kind.", extensions = new { mood = "bright" } },
        });
        var ada = await client.CreateCompanionFromCardAsync(user, card, requestId: "card-1");
        Assert.True((await client.CreateCompanionFromCardAsync(user, card, requestId: "card-1")).Duplicate);
        await client.RevisePersonaAsync(user, c, new PersonaFields(Scenario: "Evening walks."), reason: "Robin asked");
        await client.PinMemoryAsync(user, c, memory.MemoryId, pinned: false);
        var note = await client.RecordMemoryAsync(user, c, new NewMemory("Robin likes rain.", RequestId: "mem-2"));
        await client.ForgetMemoryAsync(user, c, note.MemoryId);

        // A fact that changed: the new memory supersedes the old, which is kept as history; asOf answers as the log was.
        var lyon = await client.RecordMemoryAsync(user, c, new NewMemory("Robin lives in Lyon.", "fact", ValidFrom: new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero)));
        var beforeTheMove = (await client.GetStateAsync(user)).LastEventAt ?? DateTimeOffset.MinValue;
        await Task.Delay(20);
        var oslo = await client.SupersedeMemoryAsync(user, c, lyon.MemoryId, new NewMemory("Robin lives in Oslo.", "fact", ValidFrom: new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.DoesNotContain(lyon.MemoryId, (await client.ListMemoriesAsync(user, c)).Memories.Select(m => m.Id));
        Assert.Equal(oslo.MemoryId, (await client.ListMemoriesAsync(user, c, includeSuperseded: true)).Memories.Single(m => m.Id == lyon.MemoryId).SupersededBy);
        Assert.Equal(lyon.MemoryId, (await client.ListMemoriesAsync(user, c, validAt: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))).Memories.Single(m => m.Kind == "fact").Id);
        Assert.Null((await client.ListMemoriesAsync(user, c, asOf: beforeTheMove)).Memories.Single(m => m.Id == lyon.MemoryId).SupersededBy);
        Assert.False((await client.GetStateAsOfAsync(user, beforeTheMove)).Companions[c].Memories.ContainsKey(oslo.MemoryId));
        Assert.Equal(lyon.Version, (await client.ListMemoriesAsync(user, c, atVersion: lyon.Version)).Version);

        // A fact that ended with nothing in its place: kept as history, no longer current once its end has passed.
        var bakery = await client.RecordMemoryAsync(user, c, new NewMemory("Robin works at the bakery.", "job"));
        var ended = await client.EndMemoryAsync(user, c, bakery.MemoryId, new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), "a new job at the library", requestId: "end-bakery");
        Assert.True((await client.EndMemoryAsync(user, c, bakery.MemoryId, new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), "a new job at the library", requestId: "end-bakery")).Duplicate);
        Assert.DoesNotContain(bakery.MemoryId, (await client.ListMemoriesAsync(user, c)).Memories.Select(m => m.Id));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), (await client.ListMemoriesAsync(user, c, includeSuperseded: true)).Memories.Single(m => m.Id == bakery.MemoryId).ValidTo);
        Assert.True(ended.Version > bakery.Version);
        var reset = await client.ResetCompanionAsync(user, c, reason: "a fresh start");
        Assert.Empty((await client.GetContextAsync(user, c, messages: 10)).RecentMessages);
        Assert.Equal(reset.ResetId, (await client.UndoResetAsync(user, c)).ResetId);
        Assert.Equal(session.SessionId, (await client.EndSessionAsync(user, c, session.SessionId)).Id);

        // The persona over time: its versions, what differs, putting the first back, and what changed.
        var personas = await client.GetPersonaHistoryAsync(user, c);
        Assert.Equal(["created", "revised"], personas.Versions.Select(v => v.Kind));
        var diff = await client.GetPersonaDiffAsync(user, c, personas.Versions[0].Version, personas.Versions[1].Version);
        Assert.Equal(("scenario", "added", "Evening walks."), (Assert.Single(diff.Changes).Field, diff.Changes[0].Change, diff.Changes[0].After?.GetString()));
        var restored = await client.RestorePersonaAsync(user, c, new PersonaRestore(AtVersion: sol.Version, Reason: "as Robin first knew Sol", RequestId: "restore-1"));
        Assert.True((await client.RestorePersonaAsync(user, c, new PersonaRestore(AtVersion: sol.Version, Reason: "as Robin first knew Sol", RequestId: "restore-1"))).Duplicate);
        var changes = await client.GetCompanionChangesAsync(user, c);
        Assert.Equal((restored.Version, "persona-restored"), (changes.Changes[0].Version, changes.Changes[0].Kind));
        await client.RevisePersonaAsync(user, c, new PersonaFields(Scenario: "Evening walks."), reason: "Robin asked again");
        client = client.WithToken((await client.IssueTokenAsync(user)).Token);

        // The state now and as it was, and the whole log page by page.
        var state = await client.GetStateAsync(user);
        Assert.Equal(["Ada", "Sol"], state.Companions.Values.Select(x => x.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Evening walks.", state.Companions[c].Persona.Scenario);
        Assert.NotNull(state.Companions[c].Memories[note.MemoryId].ForgottenAt);
        Assert.Equal("bright", state.Companions[ada.CompanionId].Persona.Extensions is { } extensions ? Extension(extensions, "mood") : null);
        var then = await client.GetStateAsync(user, atVersion: sol.Version);
        Assert.Equal((sol.Version, 1), (then.Version, then.Companions.Count));
        var events = await client.ReadEventsAsync(user).ToListAsync();
        Assert.Equal(Enumerable.Range(1, (int)state.Version).Select(v => (long)v), events.Select(e => e.Version));

        // A lost phone: every earlier token revoked, a fresh one to go on with.
        var revoked = await client.RevokeTokensAsync(user);
        var refused = await Assert.ThrowsAsync<CompanionApiException>(() => client.GetStateAsync(user));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        client = client.WithToken(revoked.Token);

        // Robin's whole history as an archive, which restores nowhere it already lives.
        var archive = new MemoryStream();
        var written = new List<long>();
        var exported = await client.ExportAsync(user, archive, new Reported(written.Add));
        Assert.Equal(archive.Length, exported.Length);
        Assert.Equal(archive.Length, written[^1]);
        Assert.Equal($"companion-{user}-v{revoked.Version}.zip", exported.FileName);
        archive.Position = 0;
        var exists = await Assert.ThrowsAsync<CompanionApiException>(() => admin.ImportAsync(archive));
        Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
        Assert.Contains($"User '{user}' already has {revoked.Version} events", exists.Detail);

        // Robin asks to be forgotten: afterwards every call for Robin is 410 Gone, an import of the archive too.
        Assert.True((await client.EraseUserAsync(user)).Erased);
        var gone = await Assert.ThrowsAsync<CompanionApiException>(() => client.GetStateAsync(user));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        archive.Position = 0;
        var sent = new List<long>();
        var erased = await Assert.ThrowsAsync<CompanionApiException>(() => admin.ImportAsync(archive, new Reported(sent.Add)));
        Assert.Equal(HttpStatusCode.Gone, erased.StatusCode);
        Assert.Contains($"User '{user}' was erased here", erased.Detail);
        Assert.Equal(archive.Length, sent[^1]);
    }

    // Extensions come back as an object, or (from older silos) as the object's JSON text.
    private static string? Extension(JsonElement extensions, string name) =>
        (extensions.ValueKind == JsonValueKind.String ? JsonDocument.Parse(extensions.GetString() ?? "{}").RootElement : extensions)
            .GetProperty(name).GetString();

    /// <summary>Reports synchronously, in order.</summary>
    internal sealed class Reported(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
