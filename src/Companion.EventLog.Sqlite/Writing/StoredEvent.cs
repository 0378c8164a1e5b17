namespace Companion.EventLog.Sqlite.Writing;

/// <summary>One envelope as the events table's columns hold it.</summary>
internal sealed record StoredEvent(long Version, string Type, int SchemaVersion, long OccurredAt, object IdempotencyKey, byte[] Payload, object PreviousHash, object Hash)
{
    public static StoredEvent From(EventEnvelope envelope) => new(
        envelope.Version,
        envelope.Type,
        envelope.SchemaVersion,
        SqliteValues.StoreEventTime(envelope.OccurredAt),
        (object?)envelope.IdempotencyKey ?? DBNull.Value,
        SqliteValues.ToBlob(envelope.Payload),
        SqliteValues.StoreHash(envelope.PreviousHash),
        SqliteValues.StoreHash(envelope.Hash));
}
