using Companion.Continuity.Chats;
using Companion.Continuity.Verification;
using Companion.Domain.Events;

namespace Companion.Continuity.Tests;

/// <summary>
/// What people take elsewhere: every session as a Markdown transcript and as a SillyTavern chat that
/// imports again, every companion as V2, V3 and PNG Character Cards.
/// </summary>
public sealed class ArchivePortabilityTests
{
    private static History WithImportedMessage()
    {
        var history = History.Sample();
        var sent = new DateTimeOffset(2024, 7, 5, 16, 39, 0, TimeSpan.Zero);
        history.Add(new MessageRecorded("c_sol00001", "s_first001", "msg_swiped1", MessageRole.Companion, "Always.", new ModelRuntime("gpt-4o", "openai", null), null,
            history.Next(), sent, "Ada", ["I am.", "Always."], 1, "{\"send_date\":\"July 5, 2024 4:39pm\",\"gen_started\":\"2024-07-05T16:38:58.000Z\"}"));
        return history;
    }

    [Fact]
    public async Task A_session_s_chat_in_the_archive_reads_back_as_the_same_messages_with_times_names_and_swipes()
    {
        var archive = await Archives.WriteAsync(WithImportedMessage().Envelopes);
        var chat = Archives.Entries(archive)[ArchiveFormat.ChatEntry("c_sol00001", "s_first001")];

        var read = await ChatHistoryReader.ReadAsync(new MemoryStream(chat), new ChatReadOptions());

        Assert.Equal(ChatFormat.SillyTavern, read.Format);
        Assert.Contains(read.Warnings, w => w.Contains("header (user_name, character_name, create_date", StringComparison.Ordinal));
        Assert.Equal(5, read.History.Messages.Length);
        var swiped = read.History.Messages[^1];
        Assert.Equal(("Always.", "Ada", 1), (swiped.Text, swiped.SpeakerName, swiped.SwipeId));
        Assert.Equal(["I am.", "Always."], swiped.Swipes!.Value.ToArray());
        Assert.Equal(new DateTimeOffset(2024, 7, 5, 16, 39, 0, TimeSpan.Zero), swiped.SentAt);
        Assert.Contains("gen_started", swiped.SourceFields);
        Assert.Equal(MessageRole.User, read.History.Messages[0].Role);
    }

    [Fact]
    public async Task A_changed_chat_is_found_out()
    {
        var archive = await Archives.WriteAsync(WithImportedMessage().Envelopes);
        var name = ArchiveFormat.ChatEntry("c_sol00001", "s_first001");

        var changed = Archives.RewriteText(archive, name, text => text.Replace("Always.", "Never.", StringComparison.Ordinal));
        var verification = await Archives.VerifyAsync(changed);

        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.Mismatch && p.Message.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_from_before_chats_still_verifies_with_a_note()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);

        var older = Archives.Rewrite(archive, (name, content) => name.EndsWith(".jsonl", StringComparison.Ordinal) && name.StartsWith("conversations/", StringComparison.Ordinal) ? null : content);
        var verification = await Archives.VerifyAsync(older);

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Contains(verification.Notes, n => n.Contains("SillyTavern chats", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_archive_carries_each_companion_as_a_V3_card_and_as_a_PNG_whose_ccv3_chunk_is_that_card()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);
        var entries = Archives.Entries(archive);

        var (json, keyword, _, _) = Cards.PngCardReader.Read(entries[ArchiveFormat.CardPngEntry("c_sol00001")]);
        using var v3 = System.Text.Json.JsonDocument.Parse(entries[ArchiveFormat.CardV3Entry("c_sol00001")]);

        Assert.Equal("ccv3", keyword);
        Assert.Equal(entries[ArchiveFormat.CardV3Entry("c_sol00001")], json);
        Assert.Equal("chara_card_v3", v3.RootElement.GetProperty("spec").GetString());
        Assert.Equal("Sol", v3.RootElement.GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_archive_from_before_V3_and_PNG_cards_still_verifies_with_a_note()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);

        var older = Archives.Rewrite(archive, (name, content) => name.EndsWith(".card.png", StringComparison.Ordinal) || name.EndsWith(".card.v3.json", StringComparison.Ordinal) ? null : content);
        var verification = await Archives.VerifyAsync(older);

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Contains(verification.Notes, n => n.Contains("V3 or PNG cards", StringComparison.Ordinal));
    }
}
