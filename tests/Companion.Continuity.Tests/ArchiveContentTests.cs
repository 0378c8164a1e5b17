using System.Text.Json;
using Companion.History;

namespace Companion.Continuity.Tests;

public sealed class ArchiveContentTests
{
    [Fact]
    public async Task The_journal_lists_every_entry_with_its_date_prompt_and_mood_in_time_order()
    {
        var journal = Archives.Text(await Archives.WriteAsync(History.Sample().Envelopes), ArchiveFormat.JournalEntry);

        var first = journal.IndexOf("Woke up anxious, then remembered Ada called back.", StringComparison.Ordinal);
        var second = journal.IndexOf("A quiet day.", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, journal);
        Assert.Contains("Prompt: secure-base-check-in · Mood: hopeful", journal);
        Assert.Contains("## 2026-03-01 10:24:00 UTC", journal);
        Assert.StartsWith("# Journal\n\nRobin: 2 entries, oldest first.\n", journal);
    }

    [Fact]
    public async Task The_transcript_says_who_said_what_and_when_with_the_model()
    {
        var transcript = Archives.Text(await Archives.WriteAsync(History.Sample().Envelopes), "conversations/c_sol00001/s_first001.md");

        Assert.StartsWith("# Conversation with Sol\n", transcript);
        Assert.Contains("**Robin** (user) · 2026-03-01 09:28:00 UTC\nPeople always leave.\n", transcript);
        Assert.Contains("**Sol** (companion) · 2026-03-01 09:35:00 UTC · model demo-model\nMessage number 1.\n", transcript);
        Assert.Contains("_Session ended 2026-03-01 09:56:00 UTC._", transcript);
    }

    [Fact]
    public async Task The_transcript_holds_the_whole_conversation_not_only_the_recent_window_of_the_state()
    {
        var transcript = Archives.Text(await Archives.WriteAsync(History.Sample(messages: 120).Envelopes), "conversations/c_sol00001/s_first001.md");

        Assert.Contains("People always leave.", transcript);
        Assert.Contains("Message number 1.\n", transcript);
        Assert.Contains("Message number 119.\n", transcript);
        Assert.Equal(120, transcript.Split("\n**").Length - 1);
    }

    [Fact]
    public async Task Memories_are_listed_per_companion_and_forgotten_ones_are_marked_with_the_date()
    {
        var memories = Archives.Text(await Archives.WriteAsync(History.Sample().Envelopes), ArchiveFormat.MemoriesEntry);

        Assert.Contains("## Sol (c_sol00001)", memories);
        Assert.Contains("insight · salience 0.9 · pinned\n  Robin is reframing the story that people always leave.", memories);
        Assert.Contains("- **Forgotten on 2026-03-01 10:17:00 UTC.** 2026-03-01 10:10:00 UTC · fact · salience 0.3\n  Robin dislikes Mondays.", memories);
        Assert.Contains("Robin dislikes Mondays.", memories);
    }

    [Fact]
    public async Task The_card_is_a_character_card_v2_that_keeps_the_personas_extensions()
    {
        var card = JsonDocument.Parse(Archives.Entries(await Archives.WriteAsync(History.Sample().Envelopes))["companions/c_sol00001.card.json"]).RootElement;

        Assert.Equal("chara_card_v2", card.GetProperty("spec").GetString());
        Assert.Equal("2.0", card.GetProperty("spec_version").GetString());
        var data = card.GetProperty("data");
        Assert.Equal("Sol", data.GetProperty("name").GetString());
        Assert.Equal("A calm, curious friend.", data.GetProperty("description").GetString());
        Assert.Equal("warm, patient", data.GetProperty("personality").GetString());
        Assert.Equal("Evenings after work.", data.GetProperty("scenario").GetString());
        Assert.Equal("Hello again.", data.GetProperty("first_mes").GetString());
        Assert.Equal("<START>\n{{user}}: hi\n{{char}}: hi!", data.GetProperty("mes_example").GetString());
        Assert.Equal("Made for Robin.", data.GetProperty("creator_notes").GetString());
        Assert.Equal("Be kind.", data.GetProperty("system_prompt").GetString());
        Assert.Equal(["friend", "calm"], data.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var extensions = data.GetProperty("extensions");
        Assert.Equal(4, extensions.GetProperty("depth_prompt").GetProperty("depth").GetInt32());
        Assert.Equal("stay warm", extensions.GetProperty("depth_prompt").GetProperty("prompt").GetString());
        Assert.Equal("0.5", extensions.GetProperty("talkativeness").GetString());
        var ours = extensions.GetProperty("companion_grains");
        Assert.Equal("c_sol00001", ours.GetProperty("companion_id").GetString());
        Assert.Equal(1, ours.GetProperty("persona_revision").GetInt32());
        Assert.Equal("2026-03-01T09:14:00.0000000Z", ours.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task The_snapshot_holds_the_state_at_the_head_with_its_schema_and_hash()
    {
        var history = History.Sample();
        var snapshot = SnapshotDocument.Parse(Archives.Entries(await Archives.WriteAsync(history.Envelopes))[ArchiveFormat.SnapshotEntry]);

        var state = global::Companion.History.UserStateJson.Deserialize(snapshot.State.Span);
        Assert.Equal(history.Envelopes.Count, snapshot.Version);
        Assert.Equal(history.Envelopes[^1].Hash, snapshot.HeadHash);
        Assert.Equal(Domain.State.UserState.SchemaVersion, snapshot.StateSchemaVersion);
        Assert.Equal(global::Companion.History.UserStateJson.Hash(state), snapshot.StateHash);
        Assert.Equal("Robin", state.DisplayName);
    }
}
