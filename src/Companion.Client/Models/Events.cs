using System.Text.Json;

namespace Companion.Client;

/// <summary>A page of a user's raw log.</summary>
/// <param name="HeadVersion">The log's newest version.</param>
/// <param name="HeadHash">The newest envelope's hash: it names the whole history.</param>
/// <param name="Next">The version to ask for next, or null when this page reaches the head.</param>
/// <param name="Events">The envelopes, in version order.</param>
public sealed record EventsPage(long HeadVersion, string HeadHash, long? Next, IReadOnlyList<StoredEvent> Events);

/// <summary>One envelope of the log, as stored, with its hashes.</summary>
/// <param name="Stream">The user's id.</param>
/// <param name="Version">Its version, 1-based and gap-free.</param>
/// <param name="Type">The event type ("message-recorded").</param>
/// <param name="SchemaVersion">The event type's schema version.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="IdempotencyKey">The client key it was written under, if any.</param>
/// <param name="Payload">The payload as stored: a JSON object, or an encrypted string (the hash covers this).</param>
/// <param name="PreviousHash">The previous envelope's hash.</param>
/// <param name="Hash">This envelope's hash.</param>
/// <param name="DecryptedPayload">The payload decrypted, when it is stored encrypted.</param>
public sealed record StoredEvent(
    string Stream,
    long Version,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    string? IdempotencyKey,
    JsonElement Payload,
    string PreviousHash,
    string Hash,
    JsonElement? DecryptedPayload);
