using System.Text.Json.Serialization;

namespace Companion.Domain.Events;

// Every event a user's log can hold, with its stored name and schema version.
// Never change a released record in place: add a new version and an upcaster instead.

[EventType("user-registered", 1), Immutable, GenerateSerializer, Alias("companion.user-registered.v1")]
public sealed record UserRegistered(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>A companion came to be. v2: its persona carries the card it came from (<see cref="Persona.Card"/>).</summary>
[EventType("companion-created", 2), Immutable, GenerateSerializer, Alias("companion.companion-created.v2")]
public sealed record CompanionCreated(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string Name,
    [property: Id(2)] Persona Persona,
    [property: Id(3)] string? RequestId,
    [property: Id(4)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>A companion's request id is the user's to choose once.</summary>
    public static RequestKey? KeyOf(string? requestId) => RequestKey.For<CompanionCreated>(requestId);

    public override RequestKey? KeyedBy() => KeyOf(RequestId);

    public override string Fingerprint() =>
        RequestFingerprint.Of([Name, .. Persona.TextFields().Select(f => f.Value), .. Persona.Tags, Persona.Extensions, Persona.Card]);
}

/// <summary>A persona changed. v2: the persona carries the card it came from (<see cref="Persona.Card"/>).</summary>
[EventType("persona-revised", 2), Immutable, GenerateSerializer, Alias("companion.persona-revised.v2")]
public sealed record PersonaRevised(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] Persona Persona,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent;

[EventType("session-started", 1), Immutable, GenerateSerializer, Alias("companion.session-started.v1")]
public sealed record SessionStarted(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string? RequestId,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>A session's request id is scoped to its companion.</summary>
    public static RequestKey? KeyOf(string companionId, string? requestId) => RequestKey.For<SessionStarted>(requestId, companionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, RequestId);
}

[EventType("session-ended", 1), Immutable, GenerateSerializer, Alias("companion.session-ended.v1")]
public sealed record SessionEnded(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>
/// A message of a conversation. v2 replaced v1's <c>modelId</c> with <see cref="Producer"/>
/// (model, runtime, runtime version; null when unknown, as for user messages). Stored v1
/// payloads are upcast on read by <c>MessageRecordedV1ToV2</c>.
/// </summary>
[EventType("message-recorded", 2), Immutable, GenerateSerializer, Alias("companion.message-recorded.v2")]
public sealed record MessageRecorded(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string MessageId,
    [property: Id(3)] MessageRole Role,
    [property: Id(4)] string Text,
    [property: Id(8)] ModelRuntime? Producer,
    [property: Id(6)] string? ClientMessageId,
    [property: Id(7)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => ClientMessageId;

    /// <summary>A message id is scoped to its companion and session.</summary>
    public static RequestKey? KeyOf(string companionId, string sessionId, string? clientMessageId) =>
        RequestKey.For<MessageRecorded>(clientMessageId, companionId, sessionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, SessionId, ClientMessageId);

    public override string Fingerprint() =>
        RequestFingerprint.Of(Role.ToString(), Text, Producer?.Model, Producer?.Runtime, Producer?.RuntimeVersion);

    /// <summary>The producing model's id, as v1 stored it; not stored itself.</summary>
    [JsonIgnore]
    public string? ModelId => Producer?.Model;
}

[EventType("memory-recorded", 1), Immutable, GenerateSerializer, Alias("companion.memory-recorded.v1")]
public sealed record MemoryRecorded(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] string Text,
    [property: Id(3)] string Kind,
    [property: Id(4)] double Salience,
    [property: Id(5)] bool Pinned,
    [property: Id(6)] string? RequestId,
    [property: Id(7)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>A memory's request id is scoped to its companion.</summary>
    public static RequestKey? KeyOf(string companionId, string? requestId) => RequestKey.For<MemoryRecorded>(requestId, companionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, RequestId);

    public override string Fingerprint() =>
        RequestFingerprint.Of(Text, Kind, Salience.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Pinned ? "pinned" : "unpinned");
}

[EventType("memory-pinned", 1), Immutable, GenerateSerializer, Alias("companion.memory-pinned.v1")]
public sealed record MemoryPinned(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] bool Pinned,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent;

[EventType("memory-forgotten", 1), Immutable, GenerateSerializer, Alias("companion.memory-forgotten.v1")]
public sealed record MemoryForgotten(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>
/// A journal entry: free text and mood, the prompt it answered, and (v2) the journaling practice
/// it follows with that practice's structured fields. Stored v1 payloads are read with no
/// practice by <c>JournalEntryWrittenV1ToV2</c>.
/// </summary>
[EventType("journal-entry-written", 2), Immutable, GenerateSerializer, Alias("companion.journal-entry-written.v2")]
public sealed record JournalEntryWritten(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string? PromptKind,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Mood,
    [property: Id(4)] string? RequestId,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] string? Practice = null,
    [property: Id(7)] PracticeFields? Fields = null) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>A journal entry's request id is the user's to choose once.</summary>
    public static RequestKey? KeyOf(string? requestId) => RequestKey.For<JournalEntryWritten>(requestId);

    public override RequestKey? KeyedBy() => KeyOf(RequestId);

    /// <summary>An entry without a practice keeps the fingerprint v1 gave it, so a retry of an old request still matches.</summary>
    public override string Fingerprint() => Practice is null
        ? RequestFingerprint.Of(PromptKind, Text, Mood)
        : RequestFingerprint.Of([PromptKind, Text, Mood, Practice, .. (Fields ?? new PracticeFields()).All().Select(f => f.Value)]);
}
