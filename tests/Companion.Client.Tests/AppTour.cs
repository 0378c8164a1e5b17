using System.Net;
using System.Text;
using System.Text.Json;
using Companion.Testing;
using Companion.Testing.Webhooks;

namespace Companion.Client.Tests;

/// <summary>
/// What a companion app does beyond the README's tour, through the client against a real silo: the
/// journal's practices and look-back, reflection settings, the lorebook, recall, chat histories, the
/// live stream and the operator's webhooks. Each answer is checked against what was sent. The
/// contract test runs it too, so every route here is checked against the live OpenAPI document.
/// </summary>
internal static class AppTour
{
    public static async Task RunAsync(ClientSilo silo, params DelegatingHandler[] handlers)
    {
        var admin = silo.Admin(handlers);
        var robin = await admin.CreateUserAsync("Robin");
        var user = robin.UserId;
        var client = admin.WithToken(robin.Token);

        await JournalAsync(client, admin, user);
        var (companion, session) = await CompanionAsync(client, user);
        await ReflectionAsync(client, admin, user);
        await LorebookAsync(client, user, companion);
        await PicturesAsync(client, user, companion);
        await RecallAsync(client, admin, user, companion, session);
        await HistoriesAsync(client, user, companion);
        await LiveStreamAsync(client, admin, user);
        await WebhooksAsync(admin, client, user);
    }

    // A picture set, read and taken away; a PNG card uploaded as a file keeps its image as the new companion's picture.
    private static async Task PicturesAsync(CompanionClient client, string user, string companion)
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
        var set = await client.SetAvatarAsync(user, companion, jpeg);
        Assert.True((await client.SetAvatarAsync(user, companion, jpeg)).Duplicate);
        var picture = await client.GetAvatarAsync(user, companion);
        Assert.Equal(("image/jpeg", jpeg), (picture.MediaType, picture.Bytes), new PictureComparer());
        Assert.Equal(set.Version + 1, (await client.RemoveAvatarAsync(user, companion)).Version);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<CompanionApiException>(() => client.GetAvatarAsync(user, companion))).StatusCode);

        var card = Encoding.UTF8.GetBytes("{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Wren\"}}");
        var uploaded = await client.UploadCardAsync(user, new MemoryStream(card), "wren.json");
        Assert.False(uploaded.Duplicate);
    }

    private sealed class PictureComparer : IEqualityComparer<(string, byte[])>
    {
        public bool Equals((string, byte[]) x, (string, byte[]) y) => x.Item1 == y.Item1 && x.Item2.AsSpan().SequenceEqual(y.Item2);

        public int GetHashCode((string, byte[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }

    // Practices from the catalogue, entries that follow them with their own fields, and the look-back over them.
    private static async Task JournalAsync(CompanionClient client, CompanionClient admin, string user)
    {
        var catalog = await client.GetPracticesAsync();
        var reframe = Assert.Single(catalog.Practices, p => p.Kind == "reframe-old-story");
        Assert.Equal(["oldStory", "newStory"], reframe.Fields.Select(f => f.Name));
        Assert.Contains("hopeful", catalog.Moods);

        var fields = new PracticeFields(OldStory: "People always leave.", NewStory: "Sam was late, and he still came.");
        var written = await client.WriteJournalAsync(user, new NewJournalEntry("Sam missed the bus and still came.", Mood: "hopeful", Practice: "reframe-old-story", Fields: fields));
        await client.WriteJournalAsync(user, new NewJournalEntry("Ada called back.", Mood: "grateful", Practice: "celebrate-connection", Fields: new PracticeFields(With: "Ada")));
        var entry = (await client.GetJournalAsync(user)).Entries[0];
        Assert.Equal((written.EntryId, "reframe-old-story", fields), (entry.Id, entry.Practice, entry.Fields));
        var unknown = await Assert.ThrowsAsync<CompanionApiException>(() =>
            client.WriteJournalAsync(user, new NewJournalEntry("x", Practice: "reframe-old-story", Fields: new PracticeFields(With: "Ada"))));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var lookback = await client.GetLookbackAsync(user, by: Grouping.Week);
        Assert.Equal((Grouping.Week, 2), (lookback.By, lookback.Entries));
        Assert.Equal((written.EntryId, fields.OldStory, fields.NewStory), (Assert.Single(lookback.Reframes).EntryId, lookback.Reframes[0].OldStory, lookback.Reframes[0].NewStory));
        Assert.Equal(1, lookback.Periods.Sum(p => p.ByPractice.GetValueOrDefault("reframe-old-story")));
        Assert.Equal(("Ada", 1), (lookback.Periods.SelectMany(p => p.Connections).Single().With, lookback.Periods.SelectMany(p => p.Connections).Single().Count));
        Assert.Contains(lookback.Moods, m => m.Mood == "hopeful" && m.Total == 1);
        Assert.Contains("Sam was late, and he still came.", await client.GetLookbackMarkdownAsync(user, by: Grouping.Month), StringComparison.Ordinal);
        var chart = await client.GetLookbackChartAsync(user, to: DateTimeOffset.UtcNow.AddDays(1));
        Assert.Contains("<svg", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", chart, StringComparison.OrdinalIgnoreCase);
        using var svg = new MemoryStream();
        var copied = await client.CopyLookbackChartAsync(user, svg, to: DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal((Encoding.UTF8.GetByteCount(chart), svg.Length), (copied, copied));
        var operatorLook = await Assert.ThrowsAsync<CompanionApiException>(() => admin.GetLookbackAsync(user));
        Assert.Equal(HttpStatusCode.Forbidden, operatorLook.StatusCode);
    }

    // A companion pinned to a model: a message from another model is recorded and flagged.
    private static async Task<(string Companion, string Session)> CompanionAsync(CompanionClient client, string user)
    {
        var sol = (await client.CreateCompanionAsync(user, new NewCompanion("Sol", new PersonaFields("A calm, curious friend.")))).CompanionId;
        var pinned = await client.PinRuntimeAsync(user, sol, "sol-8b-chat", "vllm", "0.6.3");
        Assert.Equal((sol, new ModelProducer("sol-8b-chat", "vllm", "0.6.3"), false), (pinned.CompanionId, pinned.Pinned, pinned.Duplicate));
        Assert.True((await client.PinRuntimeAsync(user, sol, "sol-8b-chat", "vllm", "0.6.3")).Duplicate);

        var session = (await client.StartSessionAsync(user, sol)).SessionId;
        await client.RecordMessageAsync(user, sol, session, new NewMessage(MessageRole.User, "I walked to the lighthouse at dusk."));
        var same = await client.RecordMessageAsync(user, sol, session, new NewMessage(MessageRole.Companion, "What did you see?", ModelId: "sol-8b-chat", Runtime: "vllm", RuntimeVersion: "0.6.3"));
        var other = await client.RecordMessageAsync(user, sol, session, new NewMessage(MessageRole.Companion, "Tell me more.", ModelId: "other-model"));
        Assert.Null(same.ProducerMismatch);
        Assert.Equal(("sol-8b-chat", "other-model"), (other.ProducerMismatch?.Pinned.Model, other.ProducerMismatch?.Actual.Model));
        Assert.Equal("sol-8b-chat", (await client.GetContextAsync(user, sol)).PinnedRuntime?.Model);
        return (sol, session);
    }

    // The daily check-in, and the rhythm view that is off until the user turns it on.
    private static async Task ReflectionAsync(CompanionClient client, CompanionClient admin, string user)
    {
        var checkIn = await client.ScheduleCheckInAsync(user, "07:30", "Europe/Berlin");
        Assert.Equal(("07:30", "Europe/Berlin"), (checkIn.TimeOfDay, checkIn.TimeZone));
        Assert.True(checkIn.NextDueAt > DateTimeOffset.UtcNow);
        Assert.Equal(checkIn, await client.GetCheckInAsync(user));
        Assert.False((await client.CancelCheckInAsync(user)).Duplicate);
        Assert.True((await client.CancelCheckInAsync(user)).Duplicate);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<CompanionApiException>(() => client.GetCheckInAsync(user))).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<CompanionApiException>(() => client.GetRhythmAsync(user))).StatusCode);
        var on = await client.EnableRhythmAsync(user);
        Assert.False(on.Duplicate);
        Assert.Equal((on.Version, true), ((await client.EnableRhythmAsync(user)).Version, (await client.EnableRhythmAsync(user)).Duplicate));
        var rhythm = await client.GetRhythmAsync(user, Grouping.Month);
        Assert.Equal(("month", "UTC"), (rhythm.By, rhythm.TimeZone));
        Assert.Equal((1, 3), (rhythm.Periods.Sum(p => p.Sessions), rhythm.Periods.Sum(p => p.Messages)));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<CompanionApiException>(() => admin.GetRhythmAsync(user))).StatusCode);
        Assert.False((await client.DisableRhythmAsync(user)).Duplicate);
    }

    // A lorebook imported whole, an entry set, used by the context, disabled and removed.
    private static async Task LorebookAsync(CompanionClient client, string user, string companion)
    {
        var none = await client.GetLorebookAsync(user, companion);
        Assert.Equal((null, 0), (none.Source, none.Book.Entries.Count));

        var book = JsonSerializer.SerializeToElement(new
        {
            name = "Sol's coast",
            entries = new[] { new { id = "lighthouse", keys = new[] { "lighthouse" }, content = "The lighthouse was Robin's grandfather's.", enabled = true, insertion_order = 1 } },
        });
        var imported = await client.ImportLorebookAsync(user, companion, book);
        Assert.Equal((companion, "character_book", 1), (imported.CompanionId, imported.Source, imported.Entries));
        var harbor = await client.SetLorebookEntryAsync(user, companion, "harbor", new LorebookEntryFields(["harbor"], "The harbor smells of tar.", InsertionOrder: 2, Comment: "from Robin"));
        Assert.Equal("harbor", harbor.EntryId);
        Assert.True(harbor.Version > imported.Version);
        var lore = await client.GetLorebookAsync(user, companion);
        Assert.Equal(("Sol's coast", imported.Version, harbor.Version), (lore.Book.Name, lore.ImportedVersion, lore.ChangedVersion));
        var set = lore.Book.Entries.Single(e => e.Id == "harbor");
        Assert.Equal(["harbor"], set.Keys);
        Assert.Equal(("The harbor smells of tar.", 2.0, "from Robin", true), (set.Content, set.InsertionOrder, set.Comment, set.Enabled));

        var context = await client.GetContextAsync(user, companion, new ContextOptions(Query: "the harbor at dusk"));
        Assert.Contains(context.Lore, l => l.EntryId == "harbor" && l.Content == "The harbor smells of tar.");

        Assert.True((await client.DisableLorebookEntryAsync(user, companion, "harbor")).Version > harbor.Version);
        Assert.False((await client.GetLorebookAsync(user, companion)).Book.Entries.Single(e => e.Id == "harbor").Enabled);
        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<CompanionApiException>(() => client.DisableLorebookEntryAsync(user, companion, "harbor"))).StatusCode);
        await client.RemoveLorebookEntryAsync(user, companion, "harbor");
        Assert.Equal(["lighthouse"], (await client.GetLorebookAsync(user, companion)).Book.Entries.Select(e => e.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<CompanionApiException>(() => client.RemoveLorebookEntryAsync(user, companion, "harbor"))).StatusCode);
    }

    // Search over the user's words with provenance, and the context's recall and token budget.
    private static async Task RecallAsync(CompanionClient client, CompanionClient admin, string user, string companion, string session)
    {
        SearchResults found;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((found = await client.SearchAsync(user, "lighthouse", [RecallKind.Message], companionId: companion, limit: 5)).Hits.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The search index did not catch up with the log within 30 s.");
            await Task.Delay(50);
        }

        var hit = Assert.Single(found.Hits);
        var said = (await client.GetStateAsync(user)).Companions[companion].RecentMessages[0];
        Assert.Equal((RecallKind.Message, said.MessageId, said.Text, said.Version, session, MessageRole.User),
            (hit.Kind, hit.Id, hit.Text, hit.Version, hit.SessionId, hit.Role));
        Assert.Contains("lighthouse", hit.MatchedTerms);
        Assert.True(found.IndexedVersion <= found.HeadVersion);
        Assert.Empty((await client.SearchAsync(user, "lighthouse", [RecallKind.Journal])).Hits);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<CompanionApiException>(() => admin.SearchAsync(user, "lighthouse"))).StatusCode);

        var context = await client.GetContextAsync(user, companion, new ContextOptions(Messages: 0, Query: "lighthouse", BudgetTokens: 2000, Tokenizer: "cl100k"));
        Assert.Equal(("lighthouse", 2000, "cl100k"), (context.RecallQuery, context.BudgetTokens, context.Tokenizer));
        Assert.InRange(context.UsedTokens ?? 0, 1, 2000);
        Assert.Contains(context.Recalled ?? [], r => r.Id == said.MessageId && r.Text == said.Text && r.Version == said.Version);
        var refused = await Assert.ThrowsAsync<CompanionApiException>(() => client.GetContextAsync(user, companion, new ContextOptions(Tokenizer: "nonesuch")));
        Assert.Contains("cl100k", refused.Detail, StringComparison.Ordinal);
    }

    // A chat from elsewhere in as one session, and its transcript out again.
    private static async Task HistoriesAsync(CompanionClient client, string user, string companion)
    {
        var chat = """
            {"role":"user","text":"Do you remember the harbor?","sentAt":"2024-07-05T16:38:00Z","name":"Robin"}
            {"role":"assistant","text":"The one that smells of tar.","sentAt":"2024-07-05T16:39:00Z","model":"gpt-4o"}
            """;
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(chat));
        var sent = new List<long>();
        var imported = await client.ImportHistoryAsync(user, companion, file, new HistoryImportOptions("generic"), new ReadmeTour.Reported(sent.Add));
        Assert.Equal(("generic", 2, false), (imported.Format, imported.Messages, imported.Duplicate));
        Assert.Equal(file.Length, sent[^1]);
        file.Position = 0;
        var again = await client.ImportHistoryAsync(user, companion, file, new HistoryImportOptions("generic"));
        Assert.Equal((imported.SessionId, true), (again.SessionId, again.Duplicate));

        var markdown = await client.GetTranscriptAsync(user, companion, imported.SessionId);
        Assert.Contains("Do you remember the harbor?", markdown, StringComparison.Ordinal);
        var jsonl = await client.GetTranscriptAsync(user, companion, imported.SessionId, "jsonl");
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(lines, l => l.TryGetProperty("mes", out var mes) && mes.GetString() == "The one that smells of tar.");
        Assert.Equal(HttpStatusCode.BadRequest, (await Assert.ThrowsAsync<CompanionApiException>(() => client.GetTranscriptAsync(user, companion, imported.SessionId, "pdf"))).StatusCode);
    }

    // The live stream: the whole log from version 1, a resume after a version, a new event as it happens.
    private static async Task LiveStreamAsync(CompanionClient client, CompanionClient admin, string user)
    {
        var head = (await client.GetStateAsync(user)).Version;
        var log = await client.ReadEventsAsync(user).ToListAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            var streamed = await client.StreamEventsAsync(user, from: 1, cancellationToken: timeout.Token).Take((int)head).ToListAsync(timeout.Token);
            Assert.Equal(log.Select(e => (e.Version, e.Type, e.SchemaVersion)), streamed.Select(e => (e.Version, e.Type, e.SchemaVersion)));
            Assert.Equal("Robin", streamed[0].Payload.GetProperty("displayName").GetString());

            var resumed = await client.StreamEventsAsync(user, lastEventId: head - 2, cancellationToken: timeout.Token).Take(2).ToListAsync(timeout.Token);
            Assert.Equal([head - 1, head], resumed.Select(e => e.Version));
        }

        using var live = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var now = (await client.GetStateAsync(user)).Version;
        var next = client.StreamEventsAsync(user, from: now + 1, cancellationToken: live.Token).GetAsyncEnumerator(live.Token);
        var waiting = next.MoveNextAsync().AsTask();
        var entry = await client.WriteJournalAsync(user, new NewJournalEntry("Said hello to the neighbour.", Mood: "calm"));
        Assert.True(await waiting);
        Assert.Equal((entry.Version, "journal-entry-written", "Said hello to the neighbour."),
            (next.Current.Version, next.Current.Type, next.Current.Payload.GetProperty("text").GetString()));
        var more = next.MoveNextAsync().AsTask();
        await live.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => more);
        await next.DisposeAsync();

        var refused = await Assert.ThrowsAsync<CompanionApiException>(async () => await admin.StreamEventsAsync(user).FirstAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    // The operator's webhooks: one to a receiver that answers, one to a port where nobody listens.
    private static async Task WebhooksAsync(CompanionClient admin, CompanionClient client, string user)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await admin.CreateWebhookAsync(new NewWebhook(receiver.Url, ["journal-entry-written"]));
        Assert.StartsWith("whsec_", hook.Secret, StringComparison.Ordinal);
        receiver.Secret = hook.Secret;
        Assert.Equal(["journal-entry-written"], hook.EventTypes);
        Assert.Equal((receiver.Url, false, true), (hook.Url, hook.IncludeContent, hook.Enabled));
        var listed = Assert.Single(await admin.ListWebhooksAsync(), w => w.WebhookId == hook.WebhookId);
        Assert.Equal((hook.Url, hook.CreatedAt), (listed.Url, listed.CreatedAt));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<CompanionApiException>(() => client.ListWebhooksAsync())).StatusCode);

        var entry = await client.WriteJournalAsync(user, new NewJournalEntry("A quiet evening."));
        await Eventually.TrueAsync(() => receiver.HasAccepted(user, entry.Version), "the receiver got the journal entry");
        var delivery = receiver.Accepted.First(d => d.UserId == user && d.Version == entry.Version);
        Assert.Equal(("journal-entry-written", false), (delivery.Type, delivery.HasContent));
        Assert.All(receiver.Accepted, d => Assert.Equal("journal-entry-written", d.Type));

        Assert.False((await admin.DisableWebhookAsync(hook.WebhookId)).Enabled);
        Assert.True((await admin.EnableWebhookAsync(hook.WebhookId)).Enabled);
        var before = receiver.Accepted.Count(d => d.UserId == user && d.Version == entry.Version);
        await admin.ReplayWebhookAsync(hook.WebhookId, user, entry.Version);
        await Eventually.TrueAsync(() => receiver.Accepted.Count(d => d.UserId == user && d.Version == entry.Version) > before, "the replay delivered the entry again");

        var nobody = await admin.CreateWebhookAsync(new NewWebhook($"http://127.0.0.1:{TestPorts.Next()}/hook", ["journal-entry-written"]));
        var unheard = await client.WriteJournalAsync(user, new NewJournalEntry("Nobody hears this one."));
        WebhookDeadLetter? parked = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((parked = (await admin.ListWebhookDeadLettersAsync()).FirstOrDefault(d => d.WebhookId == nobody.WebhookId && d.UserId == user)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The undeliverable webhook was not parked within 30 s.");
            await Task.Delay(50);
        }

        Assert.InRange(parked.Version, 1, unheard.Version);
        Assert.True(parked.Attempts >= 1);
        Assert.False(string.IsNullOrWhiteSpace(parked.LastError));

        await admin.DeleteWebhookAsync(hook.WebhookId);
        await admin.DeleteWebhookAsync(nobody.WebhookId);
        Assert.DoesNotContain(await admin.ListWebhooksAsync(), w => w.WebhookId == hook.WebhookId || w.WebhookId == nobody.WebhookId);
        Assert.DoesNotContain(await admin.ListWebhookDeadLettersAsync(), d => d.WebhookId == nobody.WebhookId);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<CompanionApiException>(() => admin.DeleteWebhookAsync(hook.WebhookId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<CompanionApiException>(() => admin.ReplayWebhookAsync(hook.WebhookId, user, 1))).StatusCode);
    }
}
