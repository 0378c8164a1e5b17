namespace Companion.EventLog;

/// <summary>The fields of an envelope that its hash covers, as sealing has them before the envelope exists.</summary>
internal readonly record struct CanonicalFields(
    string Stream,
    long Version,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    string? IdempotencyKey,
    ReadOnlyMemory<byte> Payload)
{
    public static CanonicalFields Of(EventEnvelope envelope) => new(
        envelope.Stream, envelope.Version, envelope.Type, envelope.SchemaVersion, envelope.OccurredAt, envelope.IdempotencyKey, envelope.Payload);
}
