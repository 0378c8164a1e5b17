using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History.Upcasters;

namespace Companion.History;

/// <summary>
/// Maps stored event names and schema versions to CLR types and back, and upcasts payloads of
/// older versions. An unknown name or version is an error on read.
/// </summary>
public sealed class EventTypeRegistry
{
    private const int MaxKeptPayloadBuffer = 1 << 16;

    [ThreadStatic]
    private static PayloadWriter? PayloadScratch;

    private readonly FrozenDictionary<Type, EventTypeAttribute> _byType;
    private readonly FrozenDictionary<string, (Type Type, int Version)> _currentByName;
    private readonly FrozenDictionary<(string Type, int FromVersion), IEventUpcaster> _upcasters;

    /// <summary>Builds a registry from the event types of an assembly and the upcasters for their older versions.</summary>
    public EventTypeRegistry(IEnumerable<Type> eventTypes, IEnumerable<IEventUpcaster> upcasters)
    {
        var byType = new Dictionary<Type, EventTypeAttribute>();
        var byName = new Dictionary<string, (Type, int)>(StringComparer.Ordinal);
        foreach (var type in eventTypes)
        {
            var attribute = type.GetCustomAttribute<EventTypeAttribute>()
                ?? throw new InvalidOperationException($"{type.Name} has no [EventType] attribute.");
            if (!byName.TryAdd(attribute.Name, (type, attribute.Version)))
            {
                throw new InvalidOperationException($"Event name '{attribute.Name}' is used by {byName[attribute.Name].Item1.Name} and {type.Name}.");
            }

            byType.Add(type, attribute);
        }

        _byType = byType.ToFrozenDictionary();
        _currentByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _upcasters = upcasters.ToFrozenDictionary(u => (u.Type, u.FromVersion));
        foreach (var upcaster in _upcasters.Values)
        {
            if (!byName.TryGetValue(upcaster.Type, out var current) || upcaster.FromVersion < 1 || upcaster.FromVersion >= current.Item2)
            {
                throw new InvalidOperationException(
                    $"{upcaster.GetType().Name} upcasts '{upcaster.Type}' v{upcaster.FromVersion}, which is not an older version of a registered event type.");
            }
        }
    }

    /// <summary>The upcasters of every older schema version ever released; every reader applies them.</summary>
    public static IReadOnlyList<IEventUpcaster> UserEventUpcasters { get; } =
    [
        new MessageRecordedV1ToV2(),
        new MessageRecordedV2ToV3(),
        PersonaCardUpcaster.CompanionCreated,
        PersonaCardUpcaster.PersonaRevised,
        new JournalEntryWrittenV1ToV2(),
        new MemoryRecordedV1ToV2(),
    ];

    /// <summary>
    /// The registry of every <see cref="UserEvent"/> in the domain with <see cref="UserEventUpcasters"/>,
    /// plus any <paramref name="upcasters"/> given.
    /// </summary>
    public static EventTypeRegistry ForUserEvents(IEnumerable<IEventUpcaster>? upcasters = null) => new(
        typeof(UserEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(UserEvent)) && !t.IsAbstract),
        UserEventUpcasters.Concat(upcasters ?? []));

    /// <summary>Every registered event type.</summary>
    public IEnumerable<Type> EventTypes => _byType.Keys;

    /// <summary>The stored name and current version of an event's type.</summary>
    public (string Name, int Version) NameOf(Type eventType) =>
        _byType.TryGetValue(eventType, out var attribute)
            ? (attribute.Name, attribute.Version)
            : throw new InvalidOperationException($"{eventType.Name} is not a registered event type.");

    /// <summary>Turns an event into the data of an envelope.</summary>
    public EventData ToData(UserEvent @event)
    {
        var (name, version) = NameOf(@event.GetType());
        var payload = JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), EventJson.Options);
        return new EventData(name, version, @event.OccurredAt, @event.IdempotencyKey, payload);
    }

    /// <summary>
    /// Turns an event into the data of an envelope with its payload encrypted for <paramref name="version"/>
    /// of the cipher's stream (the append path). The plaintext is written into a buffer of the
    /// calling thread instead of an array of its own; its bytes are those <see cref="ToData(UserEvent)"/> gives.
    /// </summary>
    public EventData ToData(UserEvent @event, PayloadCipher cipher, long version)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        var (name, schemaVersion) = NameOf(@event.GetType());
        var scratch = PayloadScratch ??= new PayloadWriter();
        ReadOnlyMemory<byte> payload;
        try
        {
            scratch.Json.Reset(scratch.Buffer);
            JsonSerializer.Serialize(scratch.Json, @event, @event.GetType(), EventJson.Options);
            scratch.Json.Flush();
            payload = cipher.EncryptPayload(version, scratch.Buffer.WrittenSpan);
        }
        finally
        {
            // The user's words do not outlive their encryption in a buffer the thread keeps.
            scratch.Buffer.Clear();
            if (scratch.Buffer.Capacity > MaxKeptPayloadBuffer)
            {
                PayloadScratch = null;
            }
        }

        return new EventData(name, schemaVersion, @event.OccurredAt, @event.IdempotencyKey, payload);
    }

    /// <summary>Reads an envelope's payload as the current version of its event type.</summary>
    public UserEvent FromEnvelope(EventEnvelope envelope) => Deserialize(envelope.Type, envelope.SchemaVersion, envelope.Payload);

    /// <summary>Reads a payload of a stored name and version, upcasting older versions.</summary>
    public UserEvent Deserialize(string type, int schemaVersion, ReadOnlyMemory<byte> payload)
    {
        if (!_currentByName.TryGetValue(type, out var current) || schemaVersion > current.Version || schemaVersion < 1)
        {
            throw new UnknownEventTypeException(type, schemaVersion);
        }

        if (schemaVersion == current.Version)
        {
            return (UserEvent)(JsonSerializer.Deserialize(payload.Span, current.Type, EventJson.Options)
                ?? throw new FormatException($"Payload of {type} v{schemaVersion} is null."));
        }

        var node = JsonNode.Parse(payload.Span) as JsonObject
            ?? throw new FormatException($"Payload of {type} v{schemaVersion} is not a JSON object.");
        for (var version = schemaVersion; version < current.Version; version++)
        {
            if (!_upcasters.TryGetValue((type, version), out var upcaster))
            {
                throw new UnknownEventTypeException(type, schemaVersion);
            }

            node = upcaster.Upcast(node);
        }

        return (UserEvent)(node.Deserialize(current.Type, EventJson.Options)
            ?? throw new FormatException($"Upcast payload of {type} is null."));
    }

    /// <summary>A thread's reusable buffer and writer for plaintext payloads, dropped after an unusually large one.</summary>
    private sealed class PayloadWriter
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        // The writer options JsonSerializer.SerializeToUtf8Bytes derives from EventJson.Options
        // (compact, the same encoder), so the bytes are the same.
        public Utf8JsonWriter Json { get; } = new(System.IO.Stream.Null, new JsonWriterOptions
        {
            Encoder = EventJson.Options.Encoder,
            Indented = false,
            MaxDepth = EventJson.Options.MaxDepth,
            SkipValidation = true,
        });
    }
}
