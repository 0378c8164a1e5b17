using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Companion.EventLog;

/// <summary>
/// Seals events into envelopes and checks chains. Each hash is SHA-256 over the previous hash's
/// 32 bytes followed by the envelope's canonical bytes (its JSON without the hashes, see
/// <see cref="EnvelopeJson"/>), so the head hash names a stream's whole history exactly.
/// </summary>
public static class EnvelopeChain
{
    private const int MaxKeptBuffer = 1 << 16;

    [ThreadStatic]
    private static CanonicalWriter? CanonicalBuffer;

    /// <summary>The previous hash of version 1.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Seals events that follow <paramref name="head"/> in <paramref name="stream"/>.</summary>
    public static IReadOnlyList<EventEnvelope> Seal(string stream, StreamHead head, IEnumerable<EventData> events)
    {
        if (events is IReadOnlyList<EventData> list)
        {
            // The append path's form: no enumerator, and the list made at its size.
            var sealedList = new EventEnvelope[list.Count];
            var (listVersion, listPrevious) = (head.Version, head.Hash);
            for (var i = 0; i < sealedList.Length; i++)
            {
                sealedList[i] = SealOne(stream, ++listVersion, listPrevious, list[i]);
                listPrevious = sealedList[i].Hash;
            }

            return sealedList;
        }

        var sealedEnvelopes = new List<EventEnvelope>();
        var version = head.Version;
        var previous = head.Hash;
        foreach (var data in events)
        {
            var envelope = SealOne(stream, ++version, previous, data);
            sealedEnvelopes.Add(envelope);
            previous = envelope.Hash;
        }

        return sealedEnvelopes;
    }

    /// <summary>The hash an envelope should carry, from its fields and previous hash.</summary>
    public static string ComputeHash(EventEnvelope envelope)
    {
        Span<byte> hash = stackalloc byte[32];
        ComputeHash(envelope, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>One envelope, made once with its hash (no unsealed copy first).</summary>
    private static EventEnvelope SealOne(string stream, long version, string previousHash, EventData data)
    {
        var fields = new CanonicalFields(stream, version, data.Type, data.SchemaVersion, data.OccurredAt.ToUniversalTime(), data.IdempotencyKey, data.Payload);
        Span<byte> hash = stackalloc byte[32];
        ComputeHash(fields, previousHash, hash);
        return new EventEnvelope(fields.Stream, fields.Version, fields.Type, fields.SchemaVersion, fields.OccurredAt, fields.IdempotencyKey, fields.Payload,
            previousHash, Convert.ToHexStringLower(hash));
    }

    /// <summary>Writes the hash an envelope should carry into <paramref name="hash"/> (32 bytes).</summary>
    private static void ComputeHash(EventEnvelope envelope, Span<byte> hash) =>
        ComputeHash(CanonicalFields.Of(envelope), envelope.PreviousHash, hash);

    private static void ComputeHash(in CanonicalFields fields, string previousHash, Span<byte> hash)
    {
        // One buffer and JSON writer per thread, reset for each envelope: building them anew for
        // every envelope cost more than the SHA-256 itself when a whole history is checked.
        var canonical = CanonicalBuffer ??= new CanonicalWriter();
        var buffer = canonical.Buffer;
        buffer.ResetWrittenCount();
        if (previousHash.Length != 64 || Convert.FromHexString(previousHash, buffer.GetSpan(32), out _, out var written) != OperationStatus.Done || written != 32)
        {
            throw new FormatException($"Previous hash of version {fields.Version} is not 64 hex digits.");
        }

        buffer.Advance(32);
        canonical.Json.Reset(buffer);
        EnvelopeJson.WriteCanonical(canonical.Json, fields);
        canonical.Json.Flush();
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity > MaxKeptBuffer)
        {
            CanonicalBuffer = null;
        }
    }

    /// <summary>
    /// Checks that envelopes follow <paramref name="head"/> without gaps and that every hash is
    /// right. Returns null when the chain holds, else a sentence saying where it breaks.
    /// </summary>
    public static string? FindBreak(StreamHead head, IEnumerable<EventEnvelope> envelopes)
    {
        var version = head.Version;
        var previous = head.Hash;
        foreach (var envelope in envelopes)
        {
            var problem = CheckLink(version, previous, envelope);
            if (problem is not null)
            {
                return problem;
            }

            version = envelope.Version;
            previous = envelope.Hash;
        }

        return null;
    }

    /// <summary>Checks one envelope against the version and hash that precede it.</summary>
    public static string? CheckLink(long previousVersion, string previousHash, EventEnvelope envelope)
    {
        if (envelope.Version != previousVersion + 1)
        {
            return $"Expected version {previousVersion + 1}, found {envelope.Version}.";
        }

        if (!string.Equals(envelope.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return $"Version {envelope.Version}: previous hash is {envelope.PreviousHash}, expected {previousHash}.";
        }

        Span<byte> expected = stackalloc byte[32];
        ComputeHash(envelope, expected);
        Span<byte> claimed = stackalloc byte[32];
        return envelope.Hash.Length == 64 && IsLowerHex(envelope.Hash) && Convert.FromHexString(envelope.Hash, claimed, out _, out var written) == OperationStatus.Done && written == 32 && claimed.SequenceEqual(expected)
            ? null
            : $"Version {envelope.Version}: hash is {envelope.Hash}, but its contents hash to {Convert.ToHexStringLower(expected)}.";
    }

    /// <summary>Hashes are written in lower case; an upper-case copy is another string, so it does not match.</summary>
    private static bool IsLowerHex(string hex) => !hex.AsSpan().ContainsAnyInRange('A', 'F');

    /// <summary>A thread's reusable buffer for canonical bytes, dropped after an unusually large envelope.</summary>
    private sealed class CanonicalWriter
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Json { get; } = new(System.IO.Stream.Null, new JsonWriterOptions { SkipValidation = true });
    }
}
