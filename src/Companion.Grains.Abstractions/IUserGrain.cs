using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;
using Companion.Domain.Projections;
using Companion.Domain.Projections.Recall;
using Companion.Domain.State;
using Orleans.Concurrency;

namespace Companion.Grains;

/// <summary>
/// One user's log: companions, sessions, messages, memories and journal, totally ordered.
/// Keyed by user id. Every command returns once its event is durable; a command carrying a
/// client key that was already used returns the original result and writes nothing.
/// Refusals are <see cref="DomainException"/>s whose message says what to fix.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    Task<CommandResult> Register(string displayName);

    /// <summary>
    /// Creates a companion; a <paramref name="lorebook"/> (a card's <c>character_book</c>) becomes its
    /// lorebook in the same append. The result's version is the last event's.
    /// </summary>
    Task<CommandResult> CreateCompanion(string name, Persona persona, string? requestId, Lorebook? lorebook = null, CardImage? avatar = null);

    Task<CommandResult> RevisePersona(string companionId, PersonaChanges changes, string? reason);

    /// <summary>
    /// Puts the persona back as it was at a version or time, recorded as a new revision (history
    /// is never rewritten). Returns the companion id and the revision's version; a repeated keyed
    /// restore that is still the newest persona version writes nothing.
    /// </summary>
    Task<CommandResult> RestorePersona(string companionId, PersonaRestore restore);

    /// <summary>Every version of the companion's persona, oldest first, read from the log.</summary>
    [AlwaysInterleave]
    Task<PersonaHistory> GetPersonaHistory(string companionId);

    /// <summary>The fields that differ between two versions of the persona (versions from its history).</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<PersonaFieldChange>> GetPersonaDiff(string companionId, long from, long to);

    /// <summary>What changed about the companion and when, newest first, in plain words.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<CompanionChange>> GetCompanionChanges(string companionId);

    Task<CommandResult> StartSession(string companionId, string? requestId);

    /// <summary>
    /// Imports a conversation from elsewhere as one new session with all its messages, in one
    /// append (all or nothing). The same history again (its content hash) writes nothing and
    /// answers the first import's session. Returns the session id.
    /// </summary>
    Task<CommandResult> ImportHistory(string companionId, HistoryImport history);

    /// <summary>One session's messages, read from the log; a not-found error when the session never started.</summary>
    [AlwaysInterleave]
    Task<SessionTranscript> GetSessionTranscript(string companionId, string sessionId);

    Task<CommandResult> EndSession(string companionId, string sessionId);

    /// <summary>
    /// Records a message. A companion message whose <paramref name="producer"/> differs from the
    /// companion's last known runtime also records a runtime change, in the same append.
    /// </summary>
    Task<CommandResult> RecordMessage(string companionId, string sessionId, MessageRole role, string text, ModelRuntime? producer, string? clientMessageId);

    Task<CommandResult> RecordMemory(string companionId, MemoryInput memory);

    Task<CommandResult> PinMemory(string companionId, string memoryId, bool pinned);

    Task<CommandResult> ForgetMemory(string companionId, string memoryId);

    /// <summary>
    /// Says a memory's fact stopped holding, with nothing in its place: its validity ends then and
    /// it becomes history (kept, listed with the history, left out of the context and search once
    /// its end has passed). Returns the memory id; a retry with the same request id answers the first result.
    /// </summary>
    Task<CommandResult> EndMemory(string companionId, string memoryId, MemoryEnding ending);

    /// <summary>Hides everything the companion recorded so far from its context; deletes nothing. Returns the reset id.</summary>
    Task<CommandResult> ResetCompanion(string companionId, string? reason, string? requestId);

    /// <summary>
    /// Undoes the newest reset in force (a conflict when there is none). Returns the undone reset's
    /// id. A retried <paramref name="requestId"/> returns the original result and undoes nothing more.
    /// </summary>
    Task<CommandResult> UndoReset(string companionId, string? requestId);

    /// <summary>
    /// Erases the user for real: first the stream's data key is destroyed (the key store keeps only
    /// the time of erasure, so any copy of the events is ciphertext no one can open), then every
    /// event, snapshot and head of the stream is removed, and this activation ends. Afterwards every
    /// call but this one and the token check is refused as gone (410), and erasing again completes
    /// the removal and is refused as gone too. A user whose key this silo cannot open can still be erased.
    /// </summary>
    Task Erase();

    /// <summary>Revokes every access token issued before now.</summary>
    Task<CommandResult> RevokeAccess();

    /// <summary>
    /// Records, before the token is handed over, that a token of this user was issued by the user
    /// or by the operator and when it expires (<c>access-granted</c>), so the user sees every token
    /// anyone was given for them.
    /// </summary>
    Task<CommandResult> GrantAccess(bool byOperator, DateTimeOffset expiresAt);

    /// <summary>When set, tokens issued before this time are revoked.</summary>
    [AlwaysInterleave]
    Task<DateTimeOffset?> GetTokensValidFrom();

    /// <summary>Writes a journal entry; with a practice of the catalogue, that practice's structured fields.</summary>
    Task<CommandResult> WriteJournal(string? promptKind, string text, string? mood, string? requestId, string? practice = null, PracticeFields? fields = null);

    /// <summary>
    /// A look back over the journal in [from, to) by week or month; from defaults to the period of
    /// the first entry, to to now.
    /// </summary>
    [AlwaysInterleave]
    Task<Lookback> GetLookback(DateTimeOffset? from, DateTimeOffset? to, LookbackGrouping by);

    /// <summary>The context for the model; the lorebook is scanned against <paramref name="query"/> when given, else the recent messages.</summary>
    [AlwaysInterleave]
    Task<MemoryContext> GetContext(string companionId, int budgetChars, int maxMessages, string? query = null);

    /// <summary>Replaces the companion's lorebook with <paramref name="book"/>, read from <paramref name="source"/> (<see cref="LorebookSources"/>).</summary>
    Task<CommandResult> ImportLorebook(string companionId, Lorebook book, string source);

    /// <summary>Adds an entry, or replaces the entry with its id.</summary>
    Task<CommandResult> SetLorebookEntry(string companionId, LorebookEntry entry);

    /// <summary>Disables an entry: kept, never matched until set enabled again.</summary>
    Task<CommandResult> DisableLorebookEntry(string companionId, string entryId);

    /// <summary>Removes an entry from the book (the log keeps it).</summary>
    Task<CommandResult> RemoveLorebookEntry(string companionId, string entryId);

    /// <summary>The companion's lorebook as it is now; null when it has none.</summary>
    [AlwaysInterleave]
    Task<LorebookState?> GetLorebook(string companionId);

    /// <summary>
    /// The memory context with recall: the most relevant memories and past messages for the query
    /// (the newest user message unless one is given) within the budget, in characters and tokens.
    /// </summary>
    Task<MemoryContext> GetContextWithRecall(string companionId, ContextRequest request);

    /// <summary>
    /// Searches the user's memories, whole message history and journal by keyword and meaning,
    /// showing only what the context may show. Builds the index from the log on first use.
    /// </summary>
    Task<RecallResults> Search(RecallQuery query);

    [AlwaysInterleave]
    Task<ImmutableArray<JournalEntry>> GetJournal(DateTimeOffset? from, DateTimeOffset? to);

    [AlwaysInterleave]
    Task<UserState> GetState();

    /// <summary>
    /// The state as it was at <paramref name="version"/> (1 to the head), rebuilt from the event
    /// log alone: the newest snapshot at or before it plus a replay up to it. The grain's own state
    /// is not touched.
    /// </summary>
    [AlwaysInterleave]
    Task<PastState> GetStateAt(long version);

    /// <summary>
    /// The state as the log held it at <paramref name="time"/> (transaction time): every event
    /// recorded at or before it, up to the first recorded after it. Rebuilt like <see cref="GetStateAt"/>.
    /// </summary>
    [AlwaysInterleave]
    Task<PastState> GetStateAsOf(DateTimeOffset time);

    [AlwaysInterleave]
    Task<ActivationStats> GetActivationStats();

    /// <summary>
    /// Counts and times only, for operators: what the user has, never what it says. Operators
    /// use this, never <see cref="GetState"/>, so no words leave the grain on their behalf.
    /// </summary>
    [AlwaysInterleave]
    Task<UserFigures> GetFigures();

    /// <summary>
    /// Waits until the log holds a version after <paramref name="after"/> or
    /// <paramref name="timeout"/> passes (at most 20 seconds), and answers the version then: the
    /// live event stream waits here, whichever silo hosts the user.
    /// </summary>
    [AlwaysInterleave]
    Task<long> WaitForVersion(long after, TimeSpan timeout);

    /// <summary>
    /// Schedules (or moves) the daily check-in: "HH:mm" in an IANA time zone, armed as a durable
    /// reminder. The same schedule again writes nothing and answers as a repeat.
    /// </summary>
    Task<CommandResult> ScheduleCheckIn(string? timeOfDay, string? timeZone);

    /// <summary>Turns the daily check-in off and unregisters its reminder; with none in force, writes nothing.</summary>
    Task<CommandResult> CancelCheckIn();

    /// <summary>The daily check-in in force and when it next falls due; null when none is.</summary>
    [AlwaysInterleave]
    Task<CheckInView?> GetCheckIn();

    /// <summary>Turns the rhythm view on (true) or off; as it already is, writes nothing.</summary>
    Task<CommandResult> SetRhythm(bool enabled);

    /// <summary>
    /// How the person used their companions, by week or month, read from the log. Refused as a
    /// conflict while the rhythm view is off.
    /// </summary>
    [AlwaysInterleave]
    Task<Rhythm> GetRhythm(RhythmPeriodKind by);

    /// <summary>Pins the model and runtime the companion should keep speaking with; the same pin again writes nothing.</summary>
    Task<CommandResult> PinRuntime(string companionId, ModelRuntime pin);

    /// <summary>Sets the companion's picture (PNG, JPEG, WebP or GIF, at most 1 MiB); the same bytes again write nothing.</summary>
    Task<CommandResult> SetAvatar(string companionId, byte[] image, string source);

    /// <summary>Takes the companion's picture away (the earlier ones stay in the log); with none, nothing is written.</summary>
    Task<CommandResult> RemoveAvatar(string companionId);

    /// <summary>The companion's picture, read from the log event that holds it; null when it has none.</summary>
    [AlwaysInterleave]
    Task<AvatarImage?> GetAvatar(string companionId);

    /// <summary>
    /// Reads the log again from storage. For events written to the stream without this grain
    /// (a restored archive): an activation that loaded the stream before then sees them now.
    /// </summary>
    Task<ActivationStats> Reload();
}

/// <summary>What a command produced: the id of what it created or changed, and the stream version after it.</summary>
/// <param name="Id">The created or changed entity's id (companion, session, message, memory, entry).</param>
/// <param name="Version">The version of the event that recorded it.</param>
/// <param name="Duplicate">True when this answers a retried client key: nothing new was written.</param>
/// <param name="ProducerMismatch">For a companion message, set when its producer differs from the companion's pinned one.</param>
[Immutable, GenerateSerializer, Alias("companion.command-result")]
public sealed record CommandResult(
    [property: Id(0)] string Id,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Duplicate,
    [property: Id(3)] ProducerMismatch? ProducerMismatch = null);

/// <summary>A memory to record; <paramref name="Supersession"/> says when its fact held and which memory it replaces.</summary>
[Immutable, GenerateSerializer, Alias("companion.memory-input")]
public sealed record MemoryInput(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Kind,
    [property: Id(2)] double? Salience,
    [property: Id(3)] bool Pinned,
    [property: Id(4)] string? RequestId,
    [property: Id(5)] MemorySupersession? Supersession = null);

/// <summary>How the current activation loaded: from which snapshot, replaying how many events, in how long.</summary>
[Immutable, GenerateSerializer, Alias("companion.activation-stats")]
public sealed record ActivationStats(
    [property: Id(0)] long Version,
    [property: Id(1)] string HeadHash,
    [property: Id(2)] long SnapshotVersion,
    [property: Id(3)] long ReplayedEvents,
    [property: Id(4)] double LoadMilliseconds,
    [property: Id(5)] long SnapshotsWritten);

/// <summary>How much a user has, in numbers and times: nothing that can hold a word.</summary>
/// <param name="Version">The stream version the figures are of.</param>
/// <param name="RegisteredAt">When the user registered.</param>
/// <param name="LastEventAt">When the newest event happened.</param>
/// <param name="Companions">How many companions.</param>
/// <param name="Sessions">How many sessions were ever started.</param>
/// <param name="Messages">How many messages were ever recorded.</param>
/// <param name="Memories">How many memories are kept (forgotten ones included).</param>
/// <param name="JournalEntries">How many journal entries.</param>
[Immutable, GenerateSerializer, Alias("companion.user-figures")]
public sealed record UserFigures(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset? RegisteredAt,
    [property: Id(2)] DateTimeOffset? LastEventAt,
    [property: Id(3)] int Companions,
    [property: Id(4)] long Sessions,
    [property: Id(5)] long Messages,
    [property: Id(6)] int Memories,
    [property: Id(7)] int JournalEntries);

/// <summary>A state rebuilt at a past version, and how: from which snapshot, replaying how many events.</summary>
/// <param name="State">The state at the version.</param>
/// <param name="HeadHash">The hash of the event at the version: names the state exactly.</param>
/// <param name="SnapshotVersion">The snapshot it started from; 0 when it replayed from the start.</param>
/// <param name="ReplayedEvents">How many events it replayed on top.</param>
[Immutable, GenerateSerializer, Alias("companion.past-state")]
public sealed record PastState(
    [property: Id(0)] UserState State,
    [property: Id(1)] string HeadHash,
    [property: Id(2)] long SnapshotVersion,
    [property: Id(3)] long ReplayedEvents);
