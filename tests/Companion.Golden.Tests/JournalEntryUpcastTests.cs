using System.Text;
using Companion.Domain.Events;
using Companion.History;

namespace Companion.Golden.Tests;

public sealed class JournalEntryUpcastTests
{
    private const string V1 =
        "{\"entryId\":\"j_1\",\"promptKind\":\"secure-base-check-in\",\"text\":\"Ada called back.\",\"mood\":\"hopeful\"," +
        "\"requestId\":\"req-1\",\"occurredAt\":\"2026-01-05T07:30:00+00:00\",\"idempotencyKey\":\"req-1\"}";

    [Fact]
    public void A_stored_v1_entry_is_read_as_v2_with_no_practice_and_its_words_kept()
    {
        var entry = (JournalEntryWritten)EventTypeRegistry.ForUserEvents().Deserialize("journal-entry-written", 1, Encoding.UTF8.GetBytes(V1));

        Assert.Null(entry.Practice);
        Assert.Null(entry.Fields);
        Assert.Equal(("j_1", "secure-base-check-in", "Ada called back.", "hopeful", "req-1"),
            (entry.EntryId, entry.PromptKind, entry.Text, entry.Mood, entry.RequestId));
        Assert.Equal(RequestFingerprint.Of("secure-base-check-in", "Ada called back.", "hopeful"), entry.Fingerprint());
    }

    [Fact]
    public void A_practice_entry_is_written_as_v2_with_only_the_fields_it_has()
    {
        var data = EventTypeRegistry.ForUserEvents().ToData(new JournalEntryWritten("j_1", null, "Sam came.", "hopeful", null, SampleEvents.At,
            "reframe-old-story", new PracticeFields(OldStory: "People always leave", NewStory: "Some people stay")));
        var json = Encoding.UTF8.GetString(data.Payload.Span);

        Assert.Equal(("journal-entry-written", 2), (data.Type, data.SchemaVersion));
        Assert.Contains("\"practice\":\"reframe-old-story\",\"fields\":{\"oldStory\":\"People always leave\",\"newStory\":\"Some people stay\"}", json);
    }

    [Fact]
    public void A_stored_entry_with_a_field_name_no_version_knows_is_refused_not_dropped()
    {
        var payload = V1.Replace("}", ",\"practice\":\"reframe-old-story\",\"fields\":{\"oldStroy\":\"typo\"}}");

        Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            EventTypeRegistry.ForUserEvents().Deserialize("journal-entry-written", 2, Encoding.UTF8.GetBytes(payload)));
    }
}
