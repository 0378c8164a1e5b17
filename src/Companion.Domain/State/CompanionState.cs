using System.Collections.Immutable;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;

namespace Companion.Domain.State;

/// <summary>
/// One companion of a user: persona, open sessions, recent conversation and memories, the resets
/// in force, the model runtime its latest words came from and the one the person pinned, and its
/// lorebook (null until one is imported) and its picture (null until one is set).
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.companion-state")]
public sealed record CompanionState(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Persona Persona,
    [property: Id(3)] int PersonaRevision,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] ImmutableSortedDictionary<string, SessionState> OpenSessions,
    [property: Id(6)] long SessionCount,
    [property: Id(7)] long MessageCount,
    [property: Id(8)] ImmutableList<MessageState> RecentMessages,
    [property: Id(9)] ImmutableSortedDictionary<string, MemoryState> Memories,
    [property: Id(10)] ImmutableList<ResetState> ActiveResets,
    [property: Id(11)] ModelRuntime? Runtime,
    [property: Id(12)] LorebookState? Lorebook = null,
    [property: Id(13)] ModelRuntime? PinnedRuntime = null,
    [property: Id(14)] AvatarState? Avatar = null)
{
    /// <summary>
    /// How many of the newest messages the state keeps per companion. Older messages stay in
    /// the log (and in exports); the state stays bounded so activation cost does not grow with history.
    /// </summary>
    public const int RecentMessageWindow = 50;
}

/// <summary>
/// A reset that is in force: everything the companion recorded before <see cref="Version"/> is
/// hidden from its context until the reset is undone.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.reset-state")]
public sealed record ResetState(
    [property: Id(0)] string ResetId,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] long Version);

/// <summary>A conversation session that has started and not ended.</summary>
[Immutable, GenerateSerializer, Alias("companion.session-state")]
public sealed record SessionState(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] long MessageCount);

/// <summary>One message of a conversation.</summary>
[Immutable, GenerateSerializer, Alias("companion.message-state")]
public sealed record MessageState(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] MessageRole Role,
    [property: Id(3)] string Text,
    [property: Id(7)] ModelRuntime? Producer,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] long Version);

/// <summary>
/// Something the companion remembers. Forgetting marks it; the log keeps it. A newer memory may
/// supersede it: then it is marked with <see cref="SupersededBy"/> and its <see cref="ValidTo"/>
/// ends where the newer one's validity begins, and it stays here as history. Its fact may also
/// end with no successor (<c>memory-ended</c>): then only <see cref="ValidTo"/> says so, and once
/// that has passed it is history too.
/// </summary>
/// <param name="ValidFrom">When the fact began to hold in the world; null when unknown (open).</param>
/// <param name="ValidTo">When it stopped holding; null while it holds, as far as anyone said.</param>
/// <param name="Supersedes">The memory this one replaced, if any.</param>
/// <param name="SupersededBy">The memory that replaced this one, if any.</param>
[Immutable, GenerateSerializer, Alias("companion.memory-state")]
public sealed record MemoryState(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] string Kind,
    [property: Id(3)] double Salience,
    [property: Id(4)] bool Pinned,
    [property: Id(5)] DateTimeOffset RecordedAt,
    [property: Id(6)] DateTimeOffset? ForgottenAt,
    [property: Id(7)] long Version,
    [property: Id(8)] DateTimeOffset? ValidFrom = null,
    [property: Id(9)] DateTimeOffset? ValidTo = null,
    [property: Id(10)] string? Supersedes = null,
    [property: Id(11)] string? SupersededBy = null)
{
    public bool IsForgotten => ForgottenAt is not null;

    /// <summary>Whether a newer memory replaced this one: it is history, not a current fact.</summary>
    public bool IsSuperseded => SupersededBy is not null;

    /// <summary>Whether the fact stopped holding at or before <paramref name="time"/> (world time): its <see cref="ValidTo"/> has passed.</summary>
    public bool EndedBy(DateTimeOffset time) => ValidTo is { } to && to <= time;

    /// <summary>
    /// Whether this is a current fact at <paramref name="time"/>: neither forgotten nor superseded,
    /// and not ended by then. Everything else is history, kept but not shown as what holds.
    /// </summary>
    public bool IsCurrentAt(DateTimeOffset time) => !IsForgotten && !IsSuperseded && !EndedBy(time);

    /// <summary>Whether the fact held at <paramref name="time"/> (world time); a missing bound is open.</summary>
    public bool HeldAt(DateTimeOffset time) =>
        (ValidFrom is not { } from || from <= time) && (ValidTo is not { } to || time < to);
}

/// <summary>One journal entry, as written: with its practice and that practice's fields when it follows one.</summary>
[Immutable, GenerateSerializer, Alias("companion.journal-entry")]
public sealed record JournalEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string? PromptKind,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Mood,
    [property: Id(4)] DateTimeOffset WrittenAt,
    [property: Id(5)] long Version,
    [property: Id(6)] string? Practice = null,
    [property: Id(7)] PracticeFields? Fields = null);
