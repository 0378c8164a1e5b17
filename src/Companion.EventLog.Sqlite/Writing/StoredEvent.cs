namespace Companion.EventLog.Sqlite.Writing;

/// <summary>One envelope as the events table's columns hold it.</summary>
internal sealed record StoredEvent(long Version, string Type, int SchemaVersion, long OccurredAt, string? IdempotencyKey, ReadOnlyMemory<byte> Payload, object PreviousHash, object Hash)
{
    public static StoredEvent From(EventEnvelope envelope) => new(
        envelope.Version,
        envelope.Type,
        envelope.SchemaVersion,
        SqliteValues.StoreEventTime(envelope.OccurredAt),
        envelope.IdempotencyKey,
        envelope.Payload,
        SqliteValues.StoreHash(envelope.PreviousHash),
        SqliteValues.StoreHash(envelope.Hash));
}
