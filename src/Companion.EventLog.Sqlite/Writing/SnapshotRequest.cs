namespace Companion.EventLog.Sqlite.Writing;

/// <summary>Save <see cref="Snapshot"/> unless a snapshot at or above its version exists.</summary>
internal sealed class SnapshotRequest(Snapshot snapshot) : WriteRequest
{
    public Snapshot Snapshot { get; } = snapshot;
}
