namespace Companion.EventLog;

/// <summary>The argument and conflict checks every provider makes on an append, worded the same everywhere.</summary>
public static class AppendChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> when the envelopes cannot follow <paramref name="expectedVersion"/> in <paramref name="stream"/>.</summary>
    public static void ThrowIfInvalid(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (envelopes.Count == 0)
        {
            throw new ArgumentException("Nothing to append.", nameof(envelopes));
        }

        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            if (!string.Equals(envelope.Stream, stream, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Envelope {i} belongs to stream '{envelope.Stream}', not '{stream}'.", nameof(envelopes));
            }

            if (envelope.Version != expectedVersion + 1 + i)
            {
                throw new ArgumentException($"Envelope {i} has version {envelope.Version}; expected {expectedVersion + 1 + i}.", nameof(envelopes));
            }

            if (i > 0 && !string.Equals(envelope.PreviousHash, envelopes[i - 1].Hash, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Envelope {i} does not chain to envelope {i - 1}.", nameof(envelopes));
            }
        }
    }

    /// <summary>Throws <see cref="EventLogConflictException"/> when the stream's head is not where the append expects it.</summary>
    public static void ThrowIfConflict(string stream, long expectedVersion, StreamHead head, IReadOnlyList<EventEnvelope> envelopes)
    {
        if (head.Version != expectedVersion)
        {
            throw new EventLogConflictException(stream, expectedVersion, head.Version);
        }

        if (!string.Equals(head.Hash, envelopes[0].PreviousHash, StringComparison.Ordinal))
        {
            throw new EventLogConflictException(stream, expectedVersion, head.Version, "The first envelope does not chain to the stream's head hash.");
        }
    }
}
