using System.Collections.Immutable;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.Continuity;

/// <summary>
/// One pass over a stream's envelopes, in order: checks each link of the hash chain, reads each
/// payload through the registry, folds it into the state and counts it. The writer and the
/// verifier share it, so an archive is written by exactly the rules it is checked by.
/// Holds the state and a few counters, never the events. Encrypted payloads are read with
/// <paramref name="cipher"/>; the chain is checked over them as they are stored, so without a
/// cipher the chain is still checked whole and the encrypted events are only counted
/// (<see cref="Unreadable"/>), not read.
/// </summary>
internal sealed class HistoryFold(EventTypeRegistry registry, PayloadCipher? cipher = null)
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<(string CompanionId, string SessionId)> _sessions = [];

    public string? UserId { get; private set; }

    public StreamHead Head { get; private set; } = StreamHead.Empty;

    public UserState State { get; private set; } = UserState.Empty;

    public DateTimeOffset? FirstEventAt { get; private set; }

    public DateTimeOffset? LastEventAt { get; private set; }

    /// <summary>How many events were encrypted with no cipher to read them: chained and counted, not applied.</summary>
    public long Unreadable { get; private set; }

    public ImmutableSortedDictionary<string, long> Counts => _counts.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Every conversation session, in the order they started.</summary>
    public IReadOnlyList<(string CompanionId, string SessionId)> Sessions => _sessions;

    /// <summary>
    /// Folds the next envelope in: its event, or null when it is encrypted and there is no
    /// cipher (its link in the chain is checked all the same). Throws <see cref="HistoryException"/>
    /// saying what is wrong with it.
    /// </summary>
    public UserEvent? Add(EventEnvelope envelope)
    {
        UserId ??= envelope.Stream;
        if (!string.Equals(envelope.Stream, UserId, StringComparison.Ordinal))
        {
            throw new HistoryException($"version {envelope.Version} belongs to stream '{envelope.Stream}', not '{UserId}'.");
        }

        string? broken;
        try
        {
            broken = EnvelopeChain.CheckLink(Head.Version, Head.Hash, envelope);
        }
        catch (FormatException e)
        {
            broken = e.Message;
        }

        if (broken is not null)
        {
            throw new HistoryException(broken);
        }

        if (cipher is null && PayloadCipher.IsEncrypted(envelope.Payload.Span))
        {
            Unreadable++;
            Count(envelope);
            return null;
        }

        var @event = Read(envelope);
        try
        {
            State = UserStateApply.Apply(State, @event);
        }
        catch (InvalidOperationException e)
        {
            throw new HistoryException($"version {envelope.Version} ({envelope.Type}) cannot be applied: {e.Message}");
        }

        if (@event is SessionStarted started)
        {
            if (!ArchiveFormat.IsSafeId(started.CompanionId) || !ArchiveFormat.IsSafeId(started.SessionId))
            {
                throw new HistoryException($"version {envelope.Version}: session '{started.SessionId}' of companion '{started.CompanionId}' has an id that cannot name a file.");
            }

            _sessions.Add((started.CompanionId, started.SessionId));
        }
        else if (@event is CompanionCreated created && !ArchiveFormat.IsSafeId(created.CompanionId))
        {
            throw new HistoryException($"version {envelope.Version}: companion id '{created.CompanionId}' cannot name a file.");
        }

        Count(envelope);
        return @event;
    }

    private void Count(EventEnvelope envelope)
    {
        _counts[envelope.Type] = _counts.GetValueOrDefault(envelope.Type) + 1;
        FirstEventAt ??= envelope.OccurredAt;
        LastEventAt = envelope.OccurredAt;
        Head = new StreamHead(envelope.Version, envelope.Hash);
    }

    private UserEvent Read(EventEnvelope envelope)
    {
        try
        {
            return registry.FromEnvelope(PayloadCipher.Reveal(envelope, cipher));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new HistoryException($"version {envelope.Version}: the payload does not decrypt with this user's key ({e.Message}).");
        }
        catch (UnknownEventTypeException e)
        {
            throw new HistoryException($"version {envelope.Version}: {e.Message}");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException or InvalidOperationException)
        {
            throw new HistoryException($"version {envelope.Version}: the payload of {envelope.Type} v{envelope.SchemaVersion} cannot be read: {e.Message}");
        }
    }
}

/// <summary>An envelope that cannot follow the history before it; the message says why.</summary>
internal sealed class HistoryException(string message) : Exception(message);
