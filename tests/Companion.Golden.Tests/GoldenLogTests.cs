using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.Golden.Tests.Generation;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>
/// Every schema generation ever released keeps a golden log that must load forever: its chain
/// holds, every event is known (old versions through upcasters), and the replay reaches the
/// recorded head hash, summary and state hash. The files are never regenerated here.
/// </summary>
public sealed class GoldenLogTests
{
    public static TheoryData<int> Generations => [.. GoldenFiles.Generations];

    [Theory]
    [MemberData(nameof(Generations))]
    public void A_golden_log_keeps_an_unbroken_hash_chain_ending_at_its_recorded_head(int generation)
    {
        var expected = GoldenFiles.Expected(generation);
        var envelopes = GoldenFiles.Envelopes(generation);

        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
        Assert.Equal(expected.Events, envelopes.Count);
        Assert.Equal(expected.HeadHash, envelopes[^1].Hash);
        Assert.All(envelopes, e => Assert.Equal(expected.Stream, e.Stream));
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void A_golden_log_replays_with_no_unknown_events_to_its_recorded_summary_and_state_hash(int generation)
    {
        var expected = GoldenFiles.Expected(generation);
        using var cipher = GoldenFiles.Cipher(generation);
        var (state, problems) = GoldenReplay.Run(GoldenFiles.Envelopes(generation), cipher);

        Assert.Empty(problems);
        Assert.Equal(expected.Events, state.Version);
        Assert.Equal(expected.Summary.ToJson(), GoldenSummary.Of(state).ToJson());
        // The state hash is that of the current state schema: a changed UserState shape bumps
        // UserState.SchemaVersion, and the new hash is recorded beside the old ones once the
        // summary above shows the replay still says the same things.
        Assert.True(expected.StateHashes.TryGetValue(UserState.SchemaVersion, out var stateHash),
            $"generation-{generation}.expected.json has no state hash for state schema {UserState.SchemaVersion}; " +
            $"the replayed state hashes to {UserStateJson.Hash(state)}. Check the replay, then record it.");
        Assert.Equal(stateHash, UserStateJson.Hash(state));
    }

    [Fact]
    public void Generation_1_messages_are_upcast_with_their_stored_model_id_as_the_producer_model()
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var v1 = GoldenFiles.Envelopes(1).Where(e => e is { Type: "message-recorded", SchemaVersion: 1 }).ToList();

        Assert.NotEmpty(v1);
        Assert.All(v1, envelope =>
        {
            using var payload = System.Text.Json.JsonDocument.Parse(envelope.Payload);
            var modelId = payload.RootElement.GetProperty("modelId").GetString();
            var message = Assert.IsType<MessageRecorded>(registry.FromEnvelope(envelope));
            Assert.Equal(modelId is null ? null : new ModelRuntime(modelId, null, null), message.Producer);
            Assert.Equal(payload.RootElement.GetProperty("messageId").GetString(), message.MessageId);
        });
    }

    [Fact]
    public void The_newest_golden_log_holds_every_event_type_at_the_version_written_today()
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var newest = GoldenFiles.Envelopes(GoldenFiles.Generations.Max())
            .Select(e => (e.Type, e.SchemaVersion))
            .ToHashSet();

        var missing = registry.EventTypes.Select(registry.NameOf).Where(t => !newest.Contains(t)).ToList();

        Assert.True(missing.Count == 0,
            $"No golden log holds {string.Join(", ", missing.Select(t => $"{t.Name} v{t.Version}"))}: release a new generation with the generator.");
    }

    [Fact]
    public void The_generator_writes_the_same_events_every_time_and_encrypts_each_payload_afresh()
    {
        var (first, second) = (GoldenScript.Write(), GoldenScript.Write());

        Assert.Equal(Plain(first), Plain(second));
        Assert.Equal(UserStateJson.Hash(first.State), UserStateJson.Hash(second.State));
        Assert.All(first.Envelopes.Zip(second.Envelopes), pair =>
        {
            Assert.True(Companion.EventLog.Encryption.PayloadCipher.IsEncrypted(pair.First.Payload.Span));
            Assert.False(pair.First.Payload.Span.SequenceEqual(pair.Second.Payload.Span), $"version {pair.First.Version} was encrypted with the same nonce twice");
        });

        static byte[] Plain(GoldenLogWriter log) =>
            [.. log.Events.SelectMany(e => System.Text.Encoding.UTF8.GetBytes($"{e.Type} {e.SchemaVersion} {e.OccurredAt:O} {e.IdempotencyKey}\n").Concat(e.Payload.ToArray()))];
    }

    [Fact]
    public void Encrypted_generations_store_no_payload_in_the_clear_and_their_chain_verifies_without_the_key()
    {
        var encrypted = GoldenFiles.Generations.Where(g => GoldenFiles.Cipher(g) is { } c && Dispose(c)).ToList();

        Assert.NotEmpty(encrypted);
        Assert.All(encrypted, generation =>
        {
            var envelopes = GoldenFiles.Envelopes(generation);
            Assert.All(envelopes, e => Assert.True(Companion.EventLog.Encryption.PayloadCipher.IsEncrypted(e.Payload.Span)));
            Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
        });

        static bool Dispose(IDisposable cipher)
        {
            cipher.Dispose();
            return true;
        }
    }
}
