using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;

namespace Companion.Domain.State;

/// <summary>
/// The one place where state changes: a pure function from (state, event) to the next state.
/// Every event type has its case; an event without one throws, and a test walks the registry
/// to prove no type is missing.
/// </summary>
public static class UserStateApply
{
    public static UserState Apply(UserState state, UserEvent @event)
    {
        var version = state.Version + 1;
        var next = @event switch
        {
            UserRegistered e => state with { UserId = e.UserId, DisplayName = e.DisplayName, RegisteredAt = e.OccurredAt },
            AccessRevoked e => state with { TokensValidFrom = e.RevokedBefore },
            AccessGranted => state, // recorded for the user to see; a token is checked by its signature and TokensValidFrom
            CompanionCreated e => Created(state, e, version),
            PersonaRevised e => WithCompanion(state, e.CompanionId, c => c with
            {
                Persona = e.Persona,
                PersonaRevision = c.PersonaRevision + 1,
            }),
            SessionStarted e => Remember(WithCompanion(state, e.CompanionId, c => c with
            {
                OpenSessions = c.OpenSessions.SetItem(e.SessionId, new SessionState(e.SessionId, e.OccurredAt, 0)),
                SessionCount = c.SessionCount + 1,
            }), e, e.SessionId, version),
            SessionEnded e => WithCompanion(state, e.CompanionId, c => c with { OpenSessions = c.OpenSessions.Remove(e.SessionId) }),
            MessageRecorded e => Remember(WithCompanion(state, e.CompanionId, c => Recorded(c, e, version)), e, e.MessageId, version),
            MemoryRecorded e => Remember(WithCompanion(state, e.CompanionId, c => MemoryApply.Recorded(c, e, version)), e, e.MemoryId, version),
            MemoryPinned e => WithMemory(state, e.CompanionId, e.MemoryId, m => m with { Pinned = e.Pinned }),
            MemoryEnded e => Remember(WithMemory(state, e.CompanionId, e.MemoryId, m => MemoryApply.Ended(m, e)), e, e.MemoryId, version),
            MemoryForgotten e => WithMemory(state, e.CompanionId, e.MemoryId, m => m with { ForgottenAt = e.OccurredAt }),
            CompanionReset e => Remember(WithCompanion(state, e.CompanionId, c => c with
            {
                ActiveResets = c.ActiveResets.Add(new ResetState(e.ResetId, e.Reason, e.OccurredAt, version)),
            }), e, e.ResetId, version),
            CompanionResetUndone e => Remember(WithCompanion(state, e.CompanionId, c => c with { ActiveResets = Undone(c, e.ResetId) }), e, e.ResetId, version),
            CompanionRuntimeChanged e => WithCompanion(state, e.CompanionId, c => c with { Runtime = e.To }),
            CompanionRuntimePinned e => WithCompanion(state, e.CompanionId, c => c with { PinnedRuntime = e.Pin }),
            CompanionAvatarSet e => WithCompanion(state, e.CompanionId, c => c with
            {
                Avatar = new AvatarState(e.MediaType, e.Sha256, AvatarImages.DecodedLength(e.Image), e.Source, version, e.OccurredAt),
            }),
            CompanionAvatarRemoved e => WithCompanion(state, e.CompanionId, c => c with { Avatar = null }),
            CheckInScheduled e => state with { CheckIn = new CheckInSchedule(e.TimeOfDay, e.TimeZone, e.OccurredAt) },
            CheckInCancelled => state with { CheckIn = null },
            CheckInDue e => state with { LastCheckInDue = e.LocalDate },
            RhythmEnabled => state with { RhythmEnabled = true },
            RhythmDisabled => state with { RhythmEnabled = false },
            JournalEntryWritten e => Remember(state with
            {
                Journal = state.Journal.Add(new JournalEntry(e.EntryId, e.PromptKind, e.Text, e.Mood, e.OccurredAt, version, e.Practice, e.Fields)),
            }, e, e.EntryId, version),
            LorebookImported e => WithCompanion(state, e.CompanionId, c => c with { Lorebook = new LorebookState(e.Book, e.Source, version, version) }),
            LorebookEntrySet e => WithCompanion(state, e.CompanionId, c => c with { Lorebook = LorebookApply.Set(c, e.Entry, version) }),
            LorebookEntryDisabled e => WithCompanion(state, e.CompanionId, c => c with { Lorebook = LorebookApply.Disable(c, e.EntryId, version) }),
            LorebookEntryRemoved e => WithCompanion(state, e.CompanionId, c => c with { Lorebook = LorebookApply.Remove(c, e.EntryId, version) }),
            _ => throw new InvalidOperationException($"No state transition for event {@event.GetType().Name}."),
        };

        return next with { Version = version, LastEventAt = @event.OccurredAt };
    }

    private static UserState Created(UserState state, CompanionCreated e, long version)
    {
        var companion = new CompanionState(
            e.CompanionId, e.Name, e.Persona, 1, e.OccurredAt,
            ImmutableSortedDictionary.Create<string, SessionState>(StateKeyComparer.Instance), 0, 0, [],
            ImmutableSortedDictionary.Create<string, MemoryState>(StateKeyComparer.Instance), [], null);
        return Remember(state with { Companions = state.Companions.SetItem(e.CompanionId, companion) },
            e, e.CompanionId, version);
    }

    private static CompanionState Recorded(CompanionState c, MessageRecorded e, long version)
    {
        var recent = c.RecentMessages.Add(new MessageState(e.MessageId, e.SessionId, e.Role, e.Text, e.Producer, e.SaidAt, version));
        if (recent.Count > CompanionState.RecentMessageWindow)
        {
            recent = recent.RemoveRange(0, recent.Count - CompanionState.RecentMessageWindow);
        }

        var sessions = c.OpenSessions.TryGetValue(e.SessionId, out var session)
            ? c.OpenSessions.SetItem(e.SessionId, session with { MessageCount = session.MessageCount + 1 })
            : c.OpenSessions;
        // Logs from before companion-runtime-changed existed still tell which model spoke last.
        var runtime = e is { Role: MessageRole.Companion, Producer: { } producer } ? producer : c.Runtime;
        return c with { RecentMessages = recent, OpenSessions = sessions, MessageCount = c.MessageCount + 1, Runtime = runtime };
    }

    private static ImmutableList<ResetState> Undone(CompanionState c, string resetId) =>
        c.ActiveResets.FindIndex(r => r.ResetId == resetId) is var index and >= 0
            ? c.ActiveResets.RemoveAt(index)
            : throw new InvalidOperationException($"Event undoes reset '{resetId}' of companion '{c.Id}', which is not in force.");

    private static UserState WithCompanion(UserState state, string companionId, Func<CompanionState, CompanionState> change) =>
        state.Companions.TryGetValue(companionId, out var companion)
            ? state with { Companions = state.Companions.SetItem(companionId, change(companion)) }
            : throw new InvalidOperationException($"Event refers to companion '{companionId}', which the log never created.");

    private static UserState WithMemory(UserState state, string companionId, string memoryId, Func<MemoryState, MemoryState> change) =>
        WithCompanion(state, companionId, c => c.Memories.TryGetValue(memoryId, out var memory)
            ? c with { Memories = c.Memories.SetItem(memoryId, change(memory)) }
            : throw new InvalidOperationException($"Event refers to memory '{memoryId}', which the log never recorded."));

    /// <summary>Remembers a keyed event's outcome under the key its own type declares (<see cref="UserEvent.KeyedBy"/>).</summary>
    private static UserState Remember(UserState state, UserEvent @event, string resultId, long version) =>
        @event.KeyedBy() is { } key
            ? state with { Requests = state.Requests.Remember(key, new RequestOutcome(resultId, version, @event.Fingerprint())) }
            : state;
}
