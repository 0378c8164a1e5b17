using System.Text;
using Companion.Domain.Events;
using Companion.History;

namespace Companion.Golden.Tests;

public sealed class MemoryRecordedUpcastTests
{
    private const string V1 =
        "{\"companionId\":\"c_sol\",\"memoryId\":\"m_1\",\"text\":\"Has a sister, Ada\",\"kind\":\"fact\",\"salience\":0.9,\"pinned\":true," +
        "\"requestId\":\"req-1\",\"occurredAt\":\"2026-01-05T07:30:00+00:00\",\"idempotencyKey\":\"req-1\"}";

    [Fact]
    public void A_stored_v1_memory_is_read_as_v2_superseding_nothing_with_open_validity_and_its_words_kept()
    {
        var memory = (MemoryRecorded)EventTypeRegistry.ForUserEvents().Deserialize("memory-recorded", 1, Encoding.UTF8.GetBytes(V1));

        Assert.Equal(((string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (memory.Supersedes, memory.ValidFrom, memory.ValidTo));
        Assert.Equal(("c_sol", "m_1", "Has a sister, Ada", "fact", 0.9, true, "req-1"),
            (memory.CompanionId, memory.MemoryId, memory.Text, memory.Kind, memory.Salience, memory.Pinned, memory.RequestId));
        Assert.Equal(RequestFingerprint.Of("Has a sister, Ada", "fact", "0.9", "pinned"), memory.Fingerprint());
    }

    [Fact]
    public void A_superseding_memory_is_written_as_v2_with_its_world_time()
    {
        var data = EventTypeRegistry.ForUserEvents().ToData(new MemoryRecorded("c_sol", "m_2", "Lives in Oslo", "fact", 0.5, false, null, SampleEvents.At,
            "m_1", new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        var json = Encoding.UTF8.GetString(data.Payload.Span);

        Assert.Equal(("memory-recorded", 2), (data.Type, data.SchemaVersion));
        Assert.Contains("\"supersedes\":\"m_1\",\"validFrom\":\"2025-12-01T00:00:00+00:00\",\"validTo\":null", json);
    }

    [Fact]
    public void Superseding_changes_a_memory_requests_fingerprint_so_a_reused_key_is_not_taken_for_a_retry()
    {
        var plain = new MemoryRecorded("c_sol", "m_2", "Lives in Oslo", "fact", 0.5, false, "req-2", SampleEvents.At);

        Assert.NotEqual(plain.Fingerprint(), (plain with { Supersedes = "m_1" }).Fingerprint());
    }
}
