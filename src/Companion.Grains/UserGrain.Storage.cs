using System.Diagnostics;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;
using Microsoft.Extensions.Logging;
using Orleans.EventSourcing.CustomStorage;

namespace Companion.Grains;

/// <summary>
/// The user grain's storage: activation loads the newest snapshot and replays the tail of the
/// stream through the one fold (<see cref="StreamLoading"/>); writes append conditionally on the expected version; snapshots bound the tail.
/// Payloads and snapshots are encrypted with the user's data key before they reach the log,
/// and decrypted as they are read; an erased user loads as nothing at all.
/// </summary>
public sealed partial class UserGrain : ICustomStorageInterface<UserStateView, UserEvent>
{
    private StreamHead _head = StreamHead.Empty;
    private long _snapshotVersion;
    private long _bytesSinceSnapshot;
    private long _snapshotsWritten;
    private ActivationStats _stats = new(0, EnvelopeChain.GenesisHash, 0, 0, 0, 0);
    private PayloadCipher? _cipher;
    private DateTimeOffset? _erasedAt;
    private string? _keyUnavailable;
    private string? _storageRefusal;

    public async Task<KeyValuePair<int, UserStateView>> ReadStateFromStorage()
    {
        var started = Stopwatch.GetTimestamp();
        if (!await OpenKeyAsync())
        {
            _head = StreamHead.Empty;
            return new(0, new UserStateView(UserState.Empty));
        }

        var loaded = await StreamLoading.LoadAsync(log, registry, UserId, _cipher);
        if (loaded.SnapshotIgnored is { } why)
        {
            logger.LogInformation("Ignoring a snapshot of user {UserId} and replaying the log: {Why}", UserId, why);
        }

        var (state, head) = (loaded.State, loaded.Head);
        _snapshotVersion = loaded.SnapshotVersion;
        _bytesSinceSnapshot = loaded.ReplayedBytes;
        var replayed = loaded.Replayed;
        _head = head;
        var elapsed = Stopwatch.GetElapsedTime(started);
        _stats = new ActivationStats(head.Version, head.Hash, _snapshotVersion, replayed, elapsed.TotalMilliseconds, _snapshotsWritten);
        metrics?.RecordActivation(elapsed, replayed);
        logger.LogDebug("Loaded user grain at version {Version} from snapshot {SnapshotVersion}, replaying {Replayed} events",
            head.Version, _snapshotVersion, replayed);
        return new(checked((int)head.Version), new UserStateView(state));
    }

    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<UserEvent> updates, int expectedVersion)
    {
        if (_head.Version != expectedVersion)
        {
            return false;
        }

        var cipher = _cipher ??= await keys.OpenOrCreateAsync(UserId);
        var first = _head.Version + 1;
        var data = new EventData[updates.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = registry.ToData(updates[i], cipher, first + i);
        }

        var envelopes = EnvelopeChain.Seal(UserId, _head, data);
        var started = Stopwatch.GetTimestamp();
        AppendOutcome outcome;
        try
        {
            await log.AppendAsync(UserId, expectedVersion, envelopes);
            outcome = AppendOutcome.Appended;
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            outcome = await SettleFailedAppendAsync(envelopes, expectedVersion, e);
        }

        switch (outcome)
        {
            case AppendOutcome.Conflict:
                return false;
            case AppendOutcome.Refused:
                // Orleans would retry these events for as long as the activation lives, and they would
                // be written once space returns, after the caller was told they were not. So they are
                // confirmed to Orleans without being written, and the activation, whose view now holds
                // events the log does not, refuses every call and ends (ExecuteAll and Invoke).
                DeactivateOnIdle();
                return true;
        }

        metrics?.RecordAppend(envelopes, Stopwatch.GetElapsedTime(started));

        _head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        _recall?.Observe(updates, envelopes[^1]);
        foreach (var envelope in envelopes)
        {
            _bytesSinceSnapshot += envelope.Payload.Length;
        }

        return true;
    }

    /// <summary>
    /// Opens the user's data key, when there is one yet (it is created with the first write).
    /// False when the user was erased (then there is nothing to load, ever), or when this silo
    /// lacks the master key that wrapped the data key (then nothing loads until it has it).
    /// </summary>
    private async Task<bool> OpenKeyAsync()
    {
        if (_erasedAt is not null)
        {
            return false;
        }

        try
        {
            _cipher ??= await keys.OpenAsync(UserId);
            return true;
        }
        catch (StreamErasedException erased)
        {
            _erasedAt = erased.ErasedAt;
            return false;
        }
        catch (MasterKeyMissingException missing)
        {
            // A configuration problem, not a broken log: load nothing, refuse every call (503),
            // and let the next activation try again once the operator has given the key.
            logger.LogError("The data key of user {UserId} is wrapped by master key {MasterKeyId}, which this silo was not given", UserId, missing.MasterKeyId);
            _keyUnavailable = missing.Message;
            return false;
        }
    }

    private async Task SnapshotIfDueAsync()
    {
        var options = snapshotOptions.Value;
        if (Version - _snapshotVersion < options.EventThreshold && _bytesSinceSnapshot < options.ByteThreshold)
        {
            return;
        }

        if (_cipher is not { } cipher)
        {
            return;
        }

        var state = cipher.EncryptSnapshot(Version, UserState.SchemaVersion, UserStateBinary.Serialize(Current));
        var snapshot = new Snapshot(UserId, Version, _head.Hash, UserState.SchemaVersion, state, clock.GetUtcNow());
        try
        {
            await log.SaveSnapshotAsync(snapshot);
            _snapshotVersion = snapshot.Version;
            _bytesSinceSnapshot = 0;
            _snapshotsWritten++;
            metrics?.RecordSnapshot();
        }
        catch (Exception e)
        {
            // A missed snapshot only costs a longer replay next time; the events are already durable.
            logger.LogWarning(e, "Could not write a snapshot of user {UserId} at version {Version}", UserId, Version);
        }
    }
}
