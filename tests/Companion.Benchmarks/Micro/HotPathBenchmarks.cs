using BenchmarkDotNet.Attributes;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Benchmarks.Micro;

/// <summary>The per-event costs on the write and activation paths, and building a memory context.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly EventTypeRegistry _registry = EventTypeRegistry.ForUserEvents();
    private MessageRecorded _message = null!;
    private EventData _data = null!;
    private EventEnvelope _envelope = null!;
    private UserState _state = UserState.Empty;
    private PayloadCipher _cipher = null!;
    private EventEnvelope _encrypted = null!;

    [GlobalSetup]
    public void Setup()
    {
        var at = DateTimeOffset.UtcNow;
        _message = new MessageRecorded("c_bench", "s_bench", "msg_1", MessageRole.User, "Tonight I named what I felt before reaching for reassurance.", null, "client-1", at);
        _data = _registry.ToData(_message);
        _envelope = EnvelopeChain.Seal("u_bench", StreamHead.Empty, [_data])[0];
        _cipher = new PayloadCipher("u_bench", MasterKeyRing.NewKey());
        _encrypted = _envelope with { Payload = _cipher.EncryptPayload(1, _data.Payload.Span) };
        UserEvent[] history =
        [
            new UserRegistered("u_bench", "Bench", at),
            new CompanionCreated("c_bench", "Sol", Persona.Empty with { Description = "steady" }, null, at),
            new SessionStarted("c_bench", "s_bench", null, at),
            .. Enumerable.Range(0, 60).Select(i => (UserEvent)(_message with { MessageId = $"msg_{i}", ClientMessageId = null })),
            .. Enumerable.Range(0, 30).Select(i => (UserEvent)new MemoryRecorded("c_bench", $"m_{i}", "A moment of connection.", "moment", i / 30.0, i % 10 == 0, null, at)),
        ];
        _state = history.Aggregate(UserState.Empty, UserStateApply.Apply);
    }

    [Benchmark]
    public EventData Serialize_event() => _registry.ToData(_message);

    [Benchmark]
    public IReadOnlyList<EventEnvelope> Seal_and_hash_one_envelope() => EnvelopeChain.Seal("u_bench", StreamHead.Empty, [_data]);

    [Benchmark]
    public UserEvent Deserialize_envelope() => _registry.FromEnvelope(_envelope);

    [Benchmark]
    public ReadOnlyMemory<byte> Encrypt_one_payload() => _cipher.EncryptPayload(1, _data.Payload.Span);

    [Benchmark]
    public EventEnvelope Decrypt_one_payload() => PayloadCipher.Reveal(_encrypted, _cipher);

    [GlobalCleanup]
    public void Cleanup() => _cipher.Dispose();

    [Benchmark]
    public UserState Apply_one_message() => UserStateApply.Apply(_state, _message);

    [Benchmark]
    public MemoryContext Build_memory_context() => MemoryContextProjection.Build(_state.Companions["c_bench"], new MemoryContextOptions());
}
