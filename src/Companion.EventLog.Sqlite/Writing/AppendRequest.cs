namespace Companion.EventLog.Sqlite.Writing;

/// <summary>Append <see cref="Envelopes"/> to <see cref="Stream"/>, which must be at <see cref="ExpectedVersion"/>.</summary>
internal sealed class AppendRequest(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes) : WriteRequest
{
    public string Stream { get; } = stream;

    public long ExpectedVersion { get; } = expectedVersion;

    public IReadOnlyList<EventEnvelope> Envelopes { get; } = envelopes;
}
