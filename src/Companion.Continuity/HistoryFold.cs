using System.Collections.Immutable;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Continuity;

/// <summary>
/// The archive's pass over a stream's envelopes: <see cref="StreamFold"/> (the one fold every
/// reader uses) plus what an archive needs besides the state: counts by type, the first and last
/// times, and every session, whose ids must be able to name files. The writer and the verifier
/// share it, so an archive is written by exactly the rules it is checked by. Holds the state and a
/// few counters, never the events. Without a cipher the chain is still checked whole and the
/// encrypted events are only counted (<see cref="Unreadable"/>), not read.
/// </summary>
internal sealed class HistoryFold(EventTypeRegistry registry, PayloadCipher? cipher = null)
{
    private readonly StreamFold _fold = new(registry, cipher, chainOnlyWhenEncrypted: true);
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<(string CompanionId, string SessionId)> _sessions = [];

    public string? UserId => _fold.Stream;

    public StreamHead Head => _fold.Head;

    public UserState State => _fold.State;

    public DateTimeOffset? FirstEventAt { get; private set; }

    public DateTimeOffset? LastEventAt { get; private set; }

    /// <summary>How many events were encrypted with no cipher to read them: chained and counted, not applied.</summary>
    public long Unreadable => _fold.Unreadable;

    public ImmutableSortedDictionary<string, long> Counts => _counts.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Every conversation session, in the order they started.</summary>
    public IReadOnlyList<(string CompanionId, string SessionId)> Sessions => _sessions;

    /// <summary>
    /// Folds the next envelope in: its event, or null when it is encrypted and there is no
    /// cipher (its link in the chain is checked all the same).
    /// </summary>
    /// <exception cref="StreamDamagedException">The envelope cannot follow the history before it; the reason says why.</exception>
    public UserEvent? Add(EventEnvelope envelope)
    {
        var @event = _fold.Add(envelope);
        if (@event is SessionStarted started)
        {
            if (!ArchiveFormat.IsSafeId(started.CompanionId) || !ArchiveFormat.IsSafeId(started.SessionId))
            {
                throw new StreamDamagedException(envelope.Stream, envelope.Version,
                    $"version {envelope.Version}: session '{started.SessionId}' of companion '{started.CompanionId}' has an id that cannot name a file.");
            }

            _sessions.Add((started.CompanionId, started.SessionId));
        }
        else if (@event is CompanionCreated created && !ArchiveFormat.IsSafeId(created.CompanionId))
        {
            throw new StreamDamagedException(envelope.Stream, envelope.Version, $"version {envelope.Version}: companion id '{created.CompanionId}' cannot name a file.");
        }

        _counts[envelope.Type] = _counts.GetValueOrDefault(envelope.Type) + 1;
        FirstEventAt ??= envelope.OccurredAt;
        LastEventAt = envelope.OccurredAt;
        return @event;
    }
}
