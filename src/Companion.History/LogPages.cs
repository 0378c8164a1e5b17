using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.History;

/// <summary>
/// Pages of a user's log as stored, each envelope beside its payload in the clear. Every envelope
/// of a page goes through the fold's checks (its link, its decryption, its reading) before the
/// page is returned, so a damaged envelope is reported by version instead of half a page.
/// </summary>
public sealed class LogPages(IEventLog log, StreamKeys keys, EventTypeRegistry registry)
{
    /// <summary>
    /// Up to <paramref name="take"/> envelopes from <paramref name="from"/>, ending early once the
    /// page's payloads (stored and in the clear) reach <paramref name="maxBytes"/>, so a page's
    /// memory is bounded whatever the events' sizes; null when the user has no events.
    /// </summary>
    /// <exception cref="StreamDamagedException">An envelope of the page (or the one before it) is damaged.</exception>
    /// <exception cref="StreamErasedException">The user was erased.</exception>
    public async Task<LogPage?> ReadAsync(string stream, long from, int take, long maxBytes = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        using var cipher = await keys.OpenAsync(stream, cancellationToken);
        var head = await log.GetHeadAsync(stream, cancellationToken);
        if (head.Version == 0)
        {
            return null;
        }

        var fold = new StreamFold(registry, cipher);
        var entries = new List<LogEntry>(Math.Min(take, 128));
        long bytes = 0;
        await foreach (var envelope in log.ReadAsync(stream, Math.Max(1, from - 1), cancellationToken))
        {
            if (envelope.Version < from)
            {
                fold.Anchor(envelope);
                continue;
            }

            var revealed = fold.Reveal(envelope);
            var decrypted = PayloadCipher.IsEncrypted(envelope.Payload.Span) ? revealed.Payload : (ReadOnlyMemory<byte>?)null;
            entries.Add(new LogEntry(envelope, decrypted));
            bytes += envelope.Payload.Length + (decrypted?.Length ?? 0);
            if (entries.Count == take || bytes >= maxBytes)
            {
                break;
            }
        }

        var next = entries.Count > 0 && entries[^1].Stored.Version < head.Version ? entries[^1].Stored.Version + 1 : (long?)null;
        return new LogPage(head, entries, next);
    }
}

/// <summary>A page of the log.</summary>
/// <param name="Head">The stream's head when the page was read.</param>
/// <param name="Entries">The envelopes, in order.</param>
/// <param name="Next">The version the next page starts at; null at the end.</param>
public sealed record LogPage(StreamHead Head, IReadOnlyList<LogEntry> Entries, long? Next);

/// <summary>An envelope as stored, and its payload decrypted when it was encrypted.</summary>
/// <param name="Stored">The envelope, payload verbatim.</param>
/// <param name="Decrypted">The payload in the clear; null when it was stored in the clear.</param>
public sealed record LogEntry(EventEnvelope Stored, ReadOnlyMemory<byte>? Decrypted);
