using System.Security.Cryptography;
using System.Text.Json;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.History;

/// <summary>
/// Loads a stream's state from the log: the newest usable snapshot (at or before a version, when
/// one is asked for), then the envelopes after it through <see cref="StreamFold"/>. The grain's
/// activation and its time travel both load this way.
/// </summary>
public static class StreamLoading
{
    /// <summary>
    /// The state of <paramref name="stream"/> at <paramref name="upTo"/> (its head when null).
    /// </summary>
    /// <exception cref="StreamDamagedException">An envelope cannot follow the history before it, or the log ends before <paramref name="upTo"/>.</exception>
    public static async Task<FoldedStream> LoadAsync(
        IEventLog log, EventTypeRegistry registry, string stream, PayloadCipher? cipher, long? upTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        Snapshot? snapshot;
        StreamHead? head = null;
        if (upTo is { } version)
        {
            snapshot = await log.LoadSnapshotAtOrBeforeAsync(stream, version, cancellationToken);
        }
        else
        {
            // The head is read beside the snapshot: on a remote log each is a round trip or two, and
            // when the snapshot is at the head (the usual activation) the read after it is skipped.
            var snapshotRead = log.LoadNewestSnapshotAsync(stream, cancellationToken);
            var headRead = log.GetHeadAsync(stream, cancellationToken);
            await Task.WhenAll(snapshotRead, headRead);
            (snapshot, head) = (await snapshotRead, await headRead);
        }

        var (start, ignored) = Usable(snapshot, cipher);
        var fold = new StreamFold(registry, cipher, start ?? new FoldStart(stream, UserState.Empty, StreamHead.Empty));
        var atHead = head is { } known && known == fold.Head;
        if (!atHead && (upTo is not { } last || fold.Head.Version < last))
        {
            await foreach (var envelope in log.ReadAsync(stream, fold.Head.Version + 1, cancellationToken))
            {
                fold.Add(envelope);
                if (fold.Head.Version == upTo)
                {
                    break;
                }
            }
        }

        if (upTo is { } wanted && fold.Head.Version != wanted)
        {
            throw new StreamDamagedException(stream, fold.Head.Version + 1, $"version {fold.Head.Version + 1} is missing: the log ends at version {fold.Head.Version}, before {wanted}.");
        }

        return new FoldedStream(fold.State, fold.Head, start?.Head.Version ?? 0, fold.Folded, fold.FoldedBytes, ignored);
    }

    /// <summary>
    /// Where a snapshot lets a fold start, or why it cannot: a snapshot of another state schema,
    /// one that does not decrypt or read, or one that does not hold the version it claims, is
    /// ignored in favour of replaying the log.
    /// </summary>
    public static (FoldStart? Start, string? Ignored) Usable(Snapshot? snapshot, PayloadCipher? cipher)
    {
        if (snapshot is null)
        {
            return (null, null);
        }

        if (snapshot.StateSchema != UserState.SchemaVersion)
        {
            return (null, $"the snapshot at version {snapshot.Version} has state schema {snapshot.StateSchema}, not the current {UserState.SchemaVersion}");
        }

        try
        {
            var clear = PayloadCipher.Reveal(snapshot, cipher);
            var state = UserStateBinary.IsBinary(clear.Span) ? UserStateBinary.Deserialize(clear) : UserStateJson.Deserialize(clear.Span);
            return state.Version == snapshot.Version
                ? (new FoldStart(snapshot.Stream, state, new StreamHead(snapshot.Version, snapshot.HeadHash)), null)
                : (null, $"the snapshot claims version {snapshot.Version} but holds state version {state.Version}");
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or CryptographicException)
        {
            return (null, $"the snapshot at version {snapshot.Version} cannot be read ({e.GetType().Name})");
        }
    }
}

/// <summary>A stream's state as loaded, and how it was loaded.</summary>
/// <param name="State">The state at <paramref name="Head"/>.</param>
/// <param name="Head">The version and hash the state includes.</param>
/// <param name="SnapshotVersion">The snapshot it started from; 0 when it replayed from the start.</param>
/// <param name="Replayed">How many envelopes were folded on top of the snapshot.</param>
/// <param name="ReplayedBytes">Their payload bytes, as stored.</param>
/// <param name="SnapshotIgnored">Why a snapshot was passed over, when one was.</param>
public sealed record FoldedStream(UserState State, StreamHead Head, long SnapshotVersion, long Replayed, long ReplayedBytes, string? SnapshotIgnored);
