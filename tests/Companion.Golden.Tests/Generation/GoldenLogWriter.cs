using System.Text.Json;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Golden.Tests.Generation;

/// <summary>
/// Builds one stream the way the grain would: each event is applied to the state and sealed onto
/// the chain, its payload encrypted first when a cipher is given. Time and ids are fixed, so the
/// same script always writes the same events (the same bytes, but for the encryption's fresh nonces).
/// </summary>
public sealed class GoldenLogWriter(string stream, DateTimeOffset start, PayloadCipher? cipher = null)
{
    private static readonly EventTypeRegistry Registry = EventTypeRegistry.ForUserEvents();
    private readonly List<EventEnvelope> _envelopes = [];
    private readonly List<EventData> _events = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private StreamHead _head = StreamHead.Empty;

    public string Stream { get; } = stream;

    public UserState State { get; private set; } = UserState.Empty;

    /// <summary>The fixed clock: every event happens 37 seconds after the one before.</summary>
    public DateTimeOffset Now => start.AddSeconds(37 * _envelopes.Count);

    public IReadOnlyList<EventEnvelope> Envelopes => _envelopes;

    /// <summary>The events as sealed, payloads in the clear.</summary>
    public IReadOnlyList<EventData> Events => _events;

    /// <summary>A fixed id: the prefix, '_', then a per-prefix counter padded to 16 digits.</summary>
    public string NextId(string prefix)
    {
        var n = _ids[prefix] = _ids.GetValueOrDefault(prefix) + 1;
        return $"{prefix}_gold{n:D12}";
    }

    public void Emit(params UserEvent[] events)
    {
        foreach (var @event in events)
        {
            State = UserStateApply.Apply(State, @event);
            var data = Registry.ToData(@event);
            _events.Add(data);
            if (cipher is not null)
            {
                data = data with { Payload = cipher.EncryptPayload(_head.Version + 1, data.Payload.Span) };
            }

            var envelope = EnvelopeChain.Seal(Stream, _head, [data])[0];
            _envelopes.Add(envelope);
            _head = new StreamHead(envelope.Version, envelope.Hash);
        }
    }

    /// <summary>One envelope per line, as <see cref="EnvelopeJson.Write(Utf8JsonWriter, EventEnvelope)"/> writes it.</summary>
    public byte[] ToJsonl()
    {
        using var buffer = new MemoryStream();
        foreach (var envelope in _envelopes)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                EnvelopeJson.Write(writer, envelope);
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public GoldenExpectation Expectation(int generation) => GoldenExpectation.Of(generation, Stream, _head, State);
}
