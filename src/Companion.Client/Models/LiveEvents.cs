using System.Text.Json;

namespace Companion.Client;

/// <summary>One event of the user's live stream, its payload in the clear.</summary>
/// <param name="Type">The event type ("message-recorded").</param>
/// <param name="Version">Its log version; resume after it with <c>Last-Event-ID</c>.</param>
/// <param name="SchemaVersion">The event type's schema version.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Payload">The event's payload, decrypted.</param>
public sealed record LiveEvent(string Type, long Version, int SchemaVersion, DateTimeOffset OccurredAt, JsonElement Payload);
