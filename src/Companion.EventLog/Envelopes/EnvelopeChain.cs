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
    /// <summary>The previous hash of version 1.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Seals events that follow <paramref name="head"/> in <paramref name="stream"/>.</summary>
    public static IReadOnlyList<EventEnvelope> Seal(string stream, StreamHead head, IEnumerable<EventData> events)
    {
        var sealedEnvelopes = new List<EventEnvelope>();
        var version = head.Version;
        var previous = head.Hash;
        foreach (var data in events)
        {
            var unsealed = new EventEnvelope(
                stream, ++version, data.Type, data.SchemaVersion, data.OccurredAt.ToUniversalTime(),
                data.IdempotencyKey, data.Payload, previous, "");
            var envelope = unsealed with { Hash = ComputeHash(unsealed) };
            sealedEnvelopes.Add(envelope);
            previous = envelope.Hash;
        }

        return sealedEnvelopes;
    }

    /// <summary>The hash an envelope should carry, from its fields and previous hash.</summary>
    public static string ComputeHash(EventEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + envelope.Payload.Length);
        Span<byte> previous = stackalloc byte[32];
        if (envelope.PreviousHash.Length != 64 || Convert.FromHexString(envelope.PreviousHash, previous, out _, out var written) != OperationStatus.Done || written != 32)
        {
            throw new FormatException($"Previous hash of version {envelope.Version} is not 64 hex digits.");
        }

        buffer.Write(previous);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            EnvelopeJson.WriteCanonical(writer, envelope);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
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

        var expected = ComputeHash(envelope);
        return string.Equals(envelope.Hash, expected, StringComparison.Ordinal)
            ? null
            : $"Version {envelope.Version}: hash is {envelope.Hash}, but its contents hash to {expected}.";
    }
}
