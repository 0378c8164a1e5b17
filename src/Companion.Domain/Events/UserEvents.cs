using System.Collections.Immutable;
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
/// (model, runtime, runtime version; null when unknown, as for user messages). v3 added what a
/// message brought from elsewhere (a chat history import) keeps: <see cref="SentAt"/>, when it
/// was originally sent (<see cref="UserEvent.OccurredAt"/> stays when it was recorded here),
/// <see cref="SpeakerName"/>, the alternate replies (<see cref="Swipes"/>, the shown one at
/// <see cref="SwipeId"/>), and <see cref="SourceFields"/>, every other field of the imported
/// line as a JSON object text, so an export gives it back. Stored v1 and v2 payloads are upcast
/// on read (<c>MessageRecordedV1ToV2</c>, <c>MessageRecordedV2ToV3</c>).
/// </summary>
[EventType("message-recorded", 3), Immutable, GenerateSerializer, Alias("companion.message-recorded.v3")]
public sealed record MessageRecorded(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string MessageId,
    [property: Id(3)] MessageRole Role,
    [property: Id(4)] string Text,
    [property: Id(8)] ModelRuntime? Producer,
    [property: Id(6)] string? ClientMessageId,
    [property: Id(7)] DateTimeOffset OccurredAt,
    [property: Id(9)] DateTimeOffset? SentAt = null,
    [property: Id(10)] string? SpeakerName = null,
    [property: Id(11)] ImmutableArray<string>? Swipes = null,
    [property: Id(12)] int? SwipeId = null,
    [property: Id(13)] string? SourceFields = null) : UserEvent
{
    public override string? IdempotencyKey => ClientMessageId;

    /// <summary>A message id is scoped to its companion and session.</summary>
    public static RequestKey? KeyOf(string companionId, string sessionId, string? clientMessageId) =>
        RequestKey.For<MessageRecorded>(clientMessageId, companionId, sessionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, SessionId, ClientMessageId);

    public override string Fingerprint() =>
        RequestFingerprint.Of(Role.ToString(), Text, Producer?.Model, Producer?.Runtime, Producer?.RuntimeVersion);

    /// <summary>Equal when every field is, the swipes compared by their texts in order.</summary>
    public bool Equals(MessageRecorded? other) =>
        other is not null
        && CompanionId == other.CompanionId && SessionId == other.SessionId && MessageId == other.MessageId
        && Role == other.Role && Text == other.Text && Equals(Producer, other.Producer)
        && ClientMessageId == other.ClientMessageId && OccurredAt == other.OccurredAt && SentAt == other.SentAt
        && SpeakerName == other.SpeakerName && SwipeId == other.SwipeId && SourceFields == other.SourceFields
        && (Swipes is { } swipes ? other.Swipes is { } theirs && swipes.SequenceEqual(theirs) : other.Swipes is null);

    public override int GetHashCode() => HashCode.Combine(MessageId, Text, OccurredAt, SentAt);

    /// <summary>When the message was said: its original time when it came from elsewhere, else when it was recorded.</summary>
    [JsonIgnore]
    public DateTimeOffset SaidAt => SentAt ?? OccurredAt;

    /// <summary>The producing model's id, as v1 stored it; not stored itself.</summary>
    [JsonIgnore]
    public string? ModelId => Producer?.Model;
}

/// <summary>
/// Something a companion remembers. v2 added when the fact held in the world, as distinct from
/// when it was recorded (<see cref="UserEvent.OccurredAt"/>): <see cref="ValidFrom"/> and
/// <see cref="ValidTo"/>, each null when unknown (open), and <see cref="Supersedes"/>, the memory
/// this one replaces. The replaced memory is marked, never removed: it stays in the state and the
/// log as history, its validity ended where this one's begins. Stored v1 payloads are upcast on
/// read with none of the three (<c>MemoryRecordedV1ToV2</c>).
/// </summary>
[EventType("memory-recorded", 2), Immutable, GenerateSerializer, Alias("companion.memory-recorded.v2")]
public sealed record MemoryRecorded(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] string Text,
    [property: Id(3)] string Kind,
    [property: Id(4)] double Salience,
    [property: Id(5)] bool Pinned,
    [property: Id(6)] string? RequestId,
    [property: Id(7)] DateTimeOffset OccurredAt,
    [property: Id(8)] string? Supersedes = null,
    [property: Id(9)] DateTimeOffset? ValidFrom = null,
    [property: Id(10)] DateTimeOffset? ValidTo = null) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>A memory's request id is scoped to its companion.</summary>
    public static RequestKey? KeyOf(string companionId, string? requestId) => RequestKey.For<MemoryRecorded>(requestId, companionId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, RequestId);

    /// <summary>A memory without supersession or validity keeps the fingerprint v1 gave it, so a retry of an old request still matches.</summary>
    public override string Fingerprint() => Supersedes is null && ValidFrom is null && ValidTo is null
        ? RequestFingerprint.Of(Text, Kind, Salience.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Pinned ? "pinned" : "unpinned")
        : RequestFingerprint.Of(Text, Kind, Salience.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Pinned ? "pinned" : "unpinned",
            Supersedes, ValidFrom?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ValidTo?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}

[EventType("memory-pinned", 1), Immutable, GenerateSerializer, Alias("companion.memory-pinned.v1")]
public sealed record MemoryPinned(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] bool Pinned,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>
/// A memory's fact stopped holding without a fact that replaces it ("I no longer work at the
/// bakery"). <see cref="ValidTo"/> is when, in world time; null when the person gave no time, and
/// then the fact ended when this was recorded (<see cref="UserEvent.OccurredAt"/>). The memory
/// stays, its validity ended there: history, as a superseded one is.
/// </summary>
[EventType("memory-ended", 1), Immutable, GenerateSerializer, Alias("companion.memory-ended.v1")]
public sealed record MemoryEnded(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] DateTimeOffset? ValidTo,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? RequestId,
    [property: Id(5)] DateTimeOffset OccurredAt) : UserEvent
{
    public override string? IdempotencyKey => RequestId;

    /// <summary>When the fact stopped holding: the time given, else when this was recorded.</summary>
    [JsonIgnore]
    public DateTimeOffset EndsAt => ValidTo ?? OccurredAt;

    /// <summary>An ending's request id is scoped to its companion and memory.</summary>
    public static RequestKey? KeyOf(string companionId, string memoryId, string? requestId) =>
        RequestKey.For<MemoryEnded>(requestId, companionId, memoryId);

    public override RequestKey? KeyedBy() => KeyOf(CompanionId, MemoryId, RequestId);

    /// <summary>What the person asked for: the time they gave (not the one the service chose) and why.</summary>
    public override string Fingerprint() =>
        RequestFingerprint.Of(ValidTo?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Reason);
}

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
