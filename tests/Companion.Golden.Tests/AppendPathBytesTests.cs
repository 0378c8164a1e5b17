using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>
/// The append path writes its bytes without the intermediate copies it used to make (the payload
/// into a thread's buffer and encrypted from there; each envelope sealed once, its time formatted
/// on the stack). These hold it to the bytes of the plain path over every event of every golden
/// generation: a difference would change what is stored, and so the hashes.
/// </summary>
public sealed class AppendPathBytesTests
{
    public static TheoryData<int> Generations => [.. GoldenFiles.Generations];

    [Theory]
    [MemberData(nameof(Generations))]
    public void The_append_path_encrypts_exactly_the_payload_bytes_ToData_writes_for_every_golden_event(int generation)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        using var goldenCipher = GoldenFiles.Cipher(generation);
        using var cipher = new PayloadCipher("u_append_path", MasterKeyRing.NewKey());
        var envelopes = GoldenFiles.Envelopes(generation);
        Assert.NotEmpty(envelopes);

        foreach (var stored in envelopes)
        {
            var @event = registry.FromEnvelope(PayloadCipher.Reveal(stored, goldenCipher));
            var plain = registry.ToData(@event);

            var encrypted = registry.ToData(@event, cipher, stored.Version);

            Assert.True(PayloadCipher.IsEncrypted(encrypted.Payload.Span));
            var revealed = PayloadCipher.Reveal(
                new EventEnvelope(cipher.Stream, stored.Version, encrypted.Type, encrypted.SchemaVersion, encrypted.OccurredAt, encrypted.IdempotencyKey,
                    encrypted.Payload, EnvelopeChain.GenesisHash, ""),
                cipher);
            Assert.Equal(plain.Payload.ToArray(), revealed.Payload.ToArray());
            Assert.Equal(plain with { Payload = default }, encrypted with { Payload = default });
        }
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void Sealing_the_golden_events_again_gives_their_recorded_hashes_from_a_list_or_a_sequence(int generation)
    {
        var envelopes = GoldenFiles.Envelopes(generation);
        var data = envelopes.Select(e => new EventData(e.Type, e.SchemaVersion, e.OccurredAt, e.IdempotencyKey, e.Payload)).ToArray();

        var fromList = EnvelopeChain.Seal(envelopes[0].Stream, StreamHead.Empty, data);
        var fromSequence = EnvelopeChain.Seal(envelopes[0].Stream, StreamHead.Empty, data.Where(_ => true));

        Assert.Equal(envelopes, fromList);
        Assert.Equal(envelopes, fromSequence);
        Assert.All(envelopes, e => Assert.Equal(e.Hash, EnvelopeChain.ComputeHash(e)));
    }
}
