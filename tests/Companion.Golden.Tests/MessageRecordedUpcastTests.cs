using System.Text;
using System.Text.Json.Nodes;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;

namespace Companion.Golden.Tests;

public sealed class MessageRecordedUpcastTests
{
    private const string V1 =
        "{\"companionId\":\"c_sol\",\"sessionId\":\"s_1\",\"messageId\":\"msg_1\",\"role\":\"companion\",\"text\":\"I am here.\"," +
        "\"modelId\":MODEL,\"clientMessageId\":\"client-1\",\"occurredAt\":\"2026-01-05T07:30:00+00:00\",\"idempotencyKey\":\"client-1\"}";

    [Fact]
    public void A_stored_v1_message_is_read_as_v2_with_its_model_id_as_the_producer_model()
    {
        var message = Read(V1.Replace("MODEL", "\"sol-7b-chat\""));

        Assert.Equal(new ModelRuntime("sol-7b-chat", null, null), message.Producer);
        Assert.Equal("sol-7b-chat", message.ModelId);
        Assert.Equal(("c_sol", "s_1", "msg_1", MessageRole.Companion, "I am here.", "client-1"),
            (message.CompanionId, message.SessionId, message.MessageId, message.Role, message.Text, message.ClientMessageId));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 30, 0, TimeSpan.Zero), message.OccurredAt);
    }

    [Fact]
    public void A_stored_v1_message_without_a_model_id_has_no_producer()
    {
        Assert.Null(Read(V1.Replace("MODEL", "null")).Producer);
    }

    [Fact]
    public void Message_recorded_is_written_as_v3_with_a_producer_object_and_no_model_id()
    {
        var data = EventTypeRegistry.ForUserEvents().ToData(Read(V1.Replace("MODEL", "\"sol-7b-chat\"")));
        var json = Encoding.UTF8.GetString(data.Payload.Span);

        Assert.Equal(("message-recorded", 3), (data.Type, data.SchemaVersion));
        Assert.Contains("\"producer\":{\"model\":\"sol-7b-chat\",\"runtime\":null,\"runtimeVersion\":null}", json);
        Assert.DoesNotContain("modelId", json);
    }

    [Fact]
    public void A_stored_v2_message_is_read_as_v3_said_when_it_was_recorded_with_no_speaker_swipes_or_imported_fields()
    {
        var v2 = V1.Replace("\"modelId\":MODEL", "\"producer\":{\"model\":\"sol-7b-chat\",\"runtime\":\"vllm\",\"runtimeVersion\":null}");
        var message = (MessageRecorded)EventTypeRegistry.ForUserEvents().Deserialize("message-recorded", 2, Encoding.UTF8.GetBytes(v2));

        Assert.Equal(new ModelRuntime("sol-7b-chat", "vllm", null), message.Producer);
        Assert.Equal((null, null, null, null, null), (message.SentAt, message.SpeakerName, message.Swipes, message.SwipeId, message.SourceFields));
        Assert.Equal(message.OccurredAt, message.SaidAt);
        Assert.Equal("I am here.", message.Text);
    }

    [Fact]
    public void A_version_newer_than_the_software_knows_is_refused_not_skipped()
    {
        var error = Assert.Throws<UnknownEventTypeException>(() =>
            EventTypeRegistry.ForUserEvents().Deserialize("message-recorded", 4, Encoding.UTF8.GetBytes("{}")));

        Assert.Equal(4, error.SchemaVersion);
    }

    [Fact]
    public void An_upcaster_from_the_current_version_or_for_an_unknown_type_is_refused_at_startup()
    {
        Assert.Throws<InvalidOperationException>(() => EventTypeRegistry.ForUserEvents([new StrayUpcaster("message-recorded", 3)]));
        Assert.Throws<InvalidOperationException>(() => EventTypeRegistry.ForUserEvents([new StrayUpcaster("no-such-event", 1)]));
    }

    private static MessageRecorded Read(string payload) =>
        Assert.IsType<MessageRecorded>(EventTypeRegistry.ForUserEvents().Deserialize("message-recorded", 1, Encoding.UTF8.GetBytes(payload)));

    private sealed class StrayUpcaster(string type, int fromVersion) : IEventUpcaster
    {
        public string Type => type;

        public int FromVersion => fromVersion;

        public JsonObject Upcast(JsonObject payload) => payload;
    }
}
