namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// Append <see cref="Envelopes"/> to <see cref="Stream"/>, which must be at <see cref="ExpectedVersion"/>.
/// The column values are made here, on the caller's thread, so the writer's transaction only binds and steps.
/// </summary>
internal sealed class AppendRequest(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes) : WriteRequest
{
    public string Stream { get; } = stream;

    public long ExpectedVersion { get; } = expectedVersion;

    public IReadOnlyList<EventEnvelope> Envelopes { get; } = envelopes;

    public StoredEvent[] Rows { get; } = ToRows(envelopes);

    /// <summary>The new head: the last envelope's version and hash, as stored.</summary>
    public (long Version, object Hash) Head => (Envelopes[^1].Version, Rows[^1].Hash);

    private static StoredEvent[] ToRows(IReadOnlyList<EventEnvelope> envelopes)
    {
        var rows = new StoredEvent[envelopes.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = StoredEvent.From(envelopes[i]);
        }

        return rows;
    }
}
