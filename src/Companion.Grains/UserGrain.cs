using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;
using Companion.Domain.Projections;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Diagnostics;
using Companion.EventLog.Encryption;
using Companion.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.Providers;

namespace Companion.Grains;

/// <summary>
/// A user's event-sourced grain. Commands decide an event from the confirmed state
/// (<see cref="UserDecisions"/>), raise it and wait until the event log has it durably;
/// the state is only ever the fold of the log (<see cref="UserStateApply"/>).
/// Storage and snapshots: <c>UserGrain.Storage.cs</c>; past states: <c>UserGrain.History.cs</c>.
/// Once the user is erased, every call but a repeated erasure answers "gone".
/// </summary>
[LogConsistencyProvider(ProviderName = EventLogConsistency.ProviderName)]
public sealed partial class UserGrain(
    IEventLog log,
    StreamKeys keys,
    EventTypeRegistry registry,
    IOptions<SnapshotOptions> snapshotOptions,
    TimeProvider clock,
    ILogger<UserGrain> logger,
    CompanionMetrics? metrics = null,
    IAppendListener? appendListener = null,
    Recall.RecallServices? recallServices = null)
    : JournaledGrain<UserStateView, UserEvent>, IUserGrain, IIncomingGrainCallFilter
{
    private UserState Current => State.Current;

    private string UserId => this.GetPrimaryKeyString();

    public Task<CommandResult> Register(string displayName) =>
        Execute(null, s => UserDecisions.Register(s, UserId, displayName, clock.GetUtcNow()), _ => UserId);

    public Task<CommandResult> CreateCompanion(string name, Persona persona, string? requestId, Lorebook? lorebook = null, CardImage? avatar = null) =>
        ExecuteAll(CompanionCreated.KeyOf(requestId),
            s => CreatedFromCard(UserDecisions.CreateCompanion(s, Ids.New("c"), name, persona, requestId, clock.GetUtcNow()), lorebook, avatar),
            e => e switch
            {
                LorebookImported imported => imported.CompanionId,
                CompanionAvatarSet avatarSet => avatarSet.CompanionId,
                _ => ((CompanionCreated)e).CompanionId,
            });

    public Task<CommandResult> RevisePersona(string companionId, PersonaChanges changes, string? reason) =>
        Execute(null, s => UserDecisions.RevisePersona(s, companionId, changes, reason, clock.GetUtcNow()), _ => companionId);

    public Task<CommandResult> StartSession(string companionId, string? requestId) =>
        Execute(SessionStarted.KeyOf(companionId, requestId),
            s => UserDecisions.StartSession(s, companionId, Ids.New("s"), requestId, clock.GetUtcNow()),
            e => ((SessionStarted)e).SessionId);

    public Task<CommandResult> EndSession(string companionId, string sessionId) =>
        Execute(null, s => UserDecisions.EndSession(s, companionId, sessionId, clock.GetUtcNow()), _ => sessionId);

    public async Task<CommandResult> RecordMessage(string companionId, string sessionId, MessageRole role, string text, ModelRuntime? producer, string? clientMessageId) =>
        WithProducerCheck(await ExecuteAll(MessageRecorded.KeyOf(companionId, sessionId, clientMessageId),
            s => UserDecisions.RecordMessage(s, companionId, sessionId, Ids.New("msg"), role, text, producer, clientMessageId, clock.GetUtcNow()).Events,
            e => ((MessageRecorded)e).MessageId), companionId, role, producer);

    public Task<CommandResult> RecordMemory(string companionId, MemoryInput memory) =>
        Execute(MemoryRecorded.KeyOf(companionId, memory.RequestId),
            s => UserDecisions.RecordMemory(s, companionId, Ids.New("m"), memory.Text, memory.Kind, memory.Salience, memory.Pinned, memory.RequestId, clock.GetUtcNow(), memory.Supersession),
            e => ((MemoryRecorded)e).MemoryId);

    public Task<CommandResult> PinMemory(string companionId, string memoryId, bool pinned) =>
        Execute(null, s => UserDecisions.PinMemory(s, companionId, memoryId, pinned, clock.GetUtcNow()), _ => memoryId);

    public Task<CommandResult> ForgetMemory(string companionId, string memoryId) =>
        Execute(null, s => UserDecisions.ForgetMemory(s, companionId, memoryId, clock.GetUtcNow()), _ => memoryId);

    public Task<CommandResult> EndMemory(string companionId, string memoryId, MemoryEnding ending)
    {
        ArgumentNullException.ThrowIfNull(ending);
        return Execute(MemoryEnded.KeyOf(companionId, memoryId, ending.RequestId),
            s => ending.Decide(s, companionId, memoryId, clock.GetUtcNow()),
            _ => memoryId);
    }

    public Task<CommandResult> ResetCompanion(string companionId, string? reason, string? requestId) =>
        Execute(CompanionReset.KeyOf(companionId, requestId),
            s => UserDecisions.ResetCompanion(s, companionId, Ids.New("r"), reason, requestId, clock.GetUtcNow()),
            e => ((CompanionReset)e).ResetId);

    public Task<CommandResult> UndoReset(string companionId, string? requestId) =>
        Execute(CompanionResetUndone.KeyOf(companionId, requestId),
            s => UserDecisions.UndoReset(s, companionId, requestId, clock.GetUtcNow()),
            e => ((CompanionResetUndone)e).ResetId);

    /// <summary>
    /// Crypto-shredding, then deletion: the data key is destroyed first (from then on no copy of
    /// the ciphertext, backups included, can be read), then the events and snapshots are removed
    /// from the log, and the activation ends. Asked again, it finishes a deletion that an earlier
    /// attempt left undone, and answers "gone".
    /// </summary>
    public async Task Erase()
    {
        var alreadyErased = _erasedAt is not null;
        if (!alreadyErased && _keyUnavailable is null)
        {
            // (A user whose key this silo cannot open is not loaded, but can still be erased:
            // destroying a wrapped key needs no master key.)
            UserDecisions.RequireRegistered(Current);
        }

        if (Current.CheckIn is not null)
        {
            await DisarmCheckInAsync();
        }

        await keys.DestroyAsync(UserId);
        await EndRecallAsync();
        _cipher?.Dispose();
        _cipher = null;
        _erasedAt ??= clock.GetUtcNow();
        await log.EraseStreamAsync(UserId);
        logger.LogInformation("Erased user {UserId}: data key destroyed, events and snapshots removed", UserId);

        // This activation still holds the state in memory: end it, so the next call finds nothing.
        DeactivateOnIdle();
        if (alreadyErased)
        {
            throw Gone();
        }
    }

    public Task<CommandResult> RevokeAccess() =>
        Execute(null, s => UserDecisions.RevokeAccess(s, clock.GetUtcNow()), _ => UserId);

    public Task<CommandResult> GrantAccess(bool byOperator, DateTimeOffset expiresAt) =>
        Execute(null, s => UserDecisions.GrantAccess(s, byOperator, expiresAt, clock.GetUtcNow()), _ => UserId);

    public Task<DateTimeOffset?> GetTokensValidFrom() => Task.FromResult(Current.TokensValidFrom);

    /// <summary>
    /// Refuses every call but erasure to a user whose key this silo cannot open (503, until it
    /// can), every call to an activation whose write the storage refused (503, until it is
    /// reloaded from the log), and to an erased user every call but the three that must still answer: erasure
    /// itself, the token check that precedes any call, and a reminder tick (which then unregisters its reminder).
    /// </summary>
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (_keyUnavailable is { } why && context.InterfaceMethod?.Name != nameof(Erase))
        {
            DeactivateOnIdle();
            throw DomainException.Unavailable($"This user's data cannot be opened here: {why} Nothing was changed.");
        }

        if (_storageRefusal is not null)
        {
            DeactivateOnIdle();
            throw DomainException.Unavailable("The storage refused a write a moment ago; this user's data is being reloaded. Retry later.");
        }

        if (_erasedAt is not null && context.InterfaceMethod?.Name is not (nameof(Erase) or nameof(GetTokensValidFrom) or nameof(ReceiveReminder)))
        {
            throw Gone();
        }

        return context.Invoke();
    }

    public Task<CommandResult> WriteJournal(string? promptKind, string text, string? mood, string? requestId, string? practice = null, PracticeFields? fields = null) =>
        Execute(JournalEntryWritten.KeyOf(requestId),
            s => UserDecisions.WriteJournal(s, Ids.New("j"), promptKind, text, mood, requestId, clock.GetUtcNow(), practice, fields),
            e => ((JournalEntryWritten)e).EntryId);

    public Task<MemoryContext> GetContext(string companionId, int budgetChars, int maxMessages, string? query = null)
    {
        var companion = UserDecisions.RequireCompanion(Current, companionId);
        return Task.FromResult(MemoryContextProjection.Build(companion, new MemoryContextOptions(budgetChars, maxMessages, Query: query, Now: clock.GetUtcNow())));
    }

    public Task<ImmutableArray<JournalEntry>> GetJournal(DateTimeOffset? from, DateTimeOffset? to)
    {
        UserDecisions.RequireRegistered(Current);
        return Task.FromResult(Current.Journal
            .Where(e => (from is null || e.WrittenAt >= from) && (to is null || e.WrittenAt < to))
            .ToImmutableArray());
    }

    public Task<UserState> GetState()
    {
        UserDecisions.RequireRegistered(Current);
        return Task.FromResult(Current);
    }

    public Task<ActivationStats> GetActivationStats() => Task.FromResult(_stats with
    {
        Version = Version,
        HeadHash = _head.Hash,
        SnapshotsWritten = _snapshotsWritten,
    });

    public Task<UserFigures> GetFigures()
    {
        var state = Current;
        UserDecisions.RequireRegistered(state);
        var companions = state.Companions.Values;
        return Task.FromResult(new UserFigures(
            state.Version,
            state.RegisteredAt,
            state.LastEventAt,
            state.Companions.Count,
            companions.Sum(c => c.SessionCount),
            companions.Sum(c => c.MessageCount),
            companions.Sum(c => c.Memories.Count),
            state.Journal.Count));
    }

    public async Task<ActivationStats> Reload()
    {
        await EndRecallAsync();
        await RefreshNow();
        AnnounceGrowth();
        return await GetActivationStats();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        metrics?.UserGrainActivated();

        // A notice sent just before a silo died may be lost; a new activation says again where the log stands.
        AnnounceGrowth();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await EndRecallAsync();
        _cipher?.Dispose();
        _cipher = null;
        metrics?.UserGrainDeactivated();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private DomainException Gone() => Gone(_erasedAt);

    private DomainException Gone(DateTimeOffset? erasedAt) =>
        DomainException.Gone($"User '{UserId}' was erased at {erasedAt:O} at their request; nothing of it is kept here.");

    protected override void TransitionState(UserStateView state, UserEvent @event) =>
        state.Current = UserStateApply.Apply(state.Current, @event);

    private Task<CommandResult> Execute(RequestKey? key, Func<UserState, UserEvent> decide, Func<UserEvent, string> resultId) =>
        ExecuteAll(key, s => [decide(s)], resultId);

    /// <summary>
    /// Answers a retried client key from the request index; otherwise decides, raises and
    /// confirms the events (one append, so all or none), then writes a snapshot if one is due.
    /// The result names the last event, the one the command is about.
    /// </summary>
    private async Task<CommandResult> ExecuteAll(RequestKey? key, Func<UserState, IReadOnlyList<UserEvent>> decide, Func<UserEvent, string> resultId)
    {
        if (key is not null && Current.Requests.Find(key) is { } outcome)
        {
            return Retried(key, outcome, decide);
        }

        var events = decide(Current);
        RaiseEvents(events);
        await ConfirmEvents();
        if (_storageRefusal is { } refusal)
        {
            throw DomainException.Unavailable(refusal);
        }

        AnnounceGrowth();
        await SnapshotIfDueAsync();
        return new CommandResult(resultId(events[^1]), Version, Duplicate: false);
    }

    /// <summary>
    /// A client key seen before: a retry when it asks for what it asked the first time (the
    /// original result, nothing written), a conflict when it asks for something else, so a
    /// reused id never makes a different request vanish as a "duplicate".
    /// </summary>
    private CommandResult Retried(RequestKey key, RequestOutcome outcome, Func<UserState, IReadOnlyList<UserEvent>> decide)
    {
        var duplicate = new CommandResult(outcome.ResultId, outcome.Version, Duplicate: true);
        string asked;
        try
        {
            asked = decide(Current).Last(e => e.KeyedBy() is not null).Fingerprint();
        }
        catch (DomainException refused) when (refused.Kind != DomainErrorKind.Invalid)
        {
            // The state moved on since the first time (the session ended, the reset was undone):
            // the request cannot be decided again, and its key names what it did then.
            return duplicate;
        }

        return asked == outcome.Fingerprint
            ? duplicate
            : throw DomainException.Conflict(
                $"'{key.ClientKey}' was already used here as the key of a different request (it recorded {outcome.ResultId} at version {outcome.Version}). " +
                "A retry must send the same body as the first attempt; send a new key for a new request. Nothing was written.");
    }
}
