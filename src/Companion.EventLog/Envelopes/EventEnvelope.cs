namespace Companion.EventLog;

/// <summary>
/// One stored event: where it sits, what it is, and the hash that chains it to the one before.
/// The payload is UTF-8 JSON exactly as written; the hash covers it byte for byte.
/// </summary>
/// <param name="Stream">The stream (user id).</param>
/// <param name="Version">1-based, gap-free position in the stream.</param>
/// <param name="Type">The stable event name, e.g. <c>message-recorded</c>.</param>
/// <param name="SchemaVersion">The payload's schema version for that name.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="IdempotencyKey">The client's key for the command that produced it, if any.</param>
/// <param name="Payload">The event's JSON.</param>
/// <param name="PreviousHash">The hash of the event before it (the genesis hash for version 1).</param>
/// <param name="Hash">SHA-256 of the previous hash and this envelope's canonical bytes, lowercase hex.</param>
public sealed record EventEnvelope(
    string Stream,
    long Version,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    string? IdempotencyKey,
    ReadOnlyMemory<byte> Payload,
    string PreviousHash,
    string Hash);

/// <summary>An event ready to be sealed into an envelope: everything but its position and hashes.</summary>
/// <param name="Type">The stable event name.</param>
/// <param name="SchemaVersion">The payload's schema version.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="IdempotencyKey">The client's key, if any.</param>
/// <param name="Payload">The event's JSON.</param>
public sealed record EventData(string Type, int SchemaVersion, DateTimeOffset OccurredAt, string? IdempotencyKey, ReadOnlyMemory<byte> Payload);
