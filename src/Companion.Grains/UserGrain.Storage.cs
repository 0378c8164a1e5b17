using System.Diagnostics;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Microsoft.Extensions.Logging;
using Orleans.EventSourcing.CustomStorage;

namespace Companion.Grains;

/// <summary>
/// The user grain's storage: activation loads the newest snapshot and replays the tail of the
/// stream; writes append conditionally on the expected version; snapshots bound the tail.
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

        var (state, head) = await LoadSnapshotAsync();
        _snapshotVersion = head.Version;
        _bytesSinceSnapshot = 0;
        long replayed = 0;
        await foreach (var envelope in log.ReadAsync(UserId, head.Version + 1))
        {
            if (EnvelopeChain.CheckLink(head.Version, head.Hash, envelope) is { } problem)
            {
                throw new InvalidDataException($"The log of user '{UserId}' is broken: {problem}");
            }

            state = UserStateApply.Apply(state, registry.FromEnvelope(PayloadCipher.Reveal(envelope, _cipher)));
            head = new StreamHead(envelope.Version, envelope.Hash);
            _bytesSinceSnapshot += envelope.Payload.Length;
            replayed++;
        }

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
        var envelopes = EnvelopeChain.Seal(UserId, _head, updates.Select((update, i) =>
        {
            var data = registry.ToData(update);
            return data with { Payload = cipher.EncryptPayload(first + i, data.Payload.Span) };
        }));
        var started = Stopwatch.GetTimestamp();
        switch (await AppendUntilSettledAsync(envelopes, expectedVersion))
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
        foreach (var envelope in envelopes)
        {
            _bytesSinceSnapshot += envelope.Payload.Length;
        }

        return true;
    }

    /// <summary>
    /// The newest usable snapshot (at or before <paramref name="atOrBefore"/>), or the empty state:
    /// a snapshot of another state schema, or one that does not hold the version it claims, is
    /// ignored in favour of replaying the log.
    /// </summary>
    private async Task<(UserState State, StreamHead Head)> LoadSnapshotAsync(long? atOrBefore = null)
    {
        var snapshot = atOrBefore is { } version
            ? await log.LoadSnapshotAtOrBeforeAsync(UserId, version)
            : await log.LoadNewestSnapshotAsync(UserId);
        if (snapshot is null)
        {
            return (UserState.Empty, StreamHead.Empty);
        }

        if (snapshot.StateSchema != UserState.SchemaVersion)
        {
            logger.LogInformation("Ignoring snapshot of user {UserId} at version {Version}: state schema {Schema} is not the current {Current}; replaying the log",
                UserId, snapshot.Version, snapshot.StateSchema, UserState.SchemaVersion);
            return (UserState.Empty, StreamHead.Empty);
        }

        try
        {
            var state = UserStateJson.Deserialize(PayloadCipher.Reveal(snapshot, _cipher).Span);
            if (state.Version == snapshot.Version)
            {
                return (state, new StreamHead(snapshot.Version, snapshot.HeadHash));
            }

            logger.LogWarning("Ignoring snapshot of user {UserId}: it claims version {Version} but holds state version {StateVersion}",
                UserId, snapshot.Version, state.Version);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            logger.LogWarning(e, "Ignoring unreadable snapshot of user {UserId} at version {Version}; replaying the log", UserId, snapshot.Version);
        }

        return (UserState.Empty, StreamHead.Empty);
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

        var state = cipher.EncryptSnapshot(Version, UserState.SchemaVersion, UserStateJson.Serialize(Current));
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
