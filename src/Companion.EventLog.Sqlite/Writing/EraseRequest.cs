namespace Companion.EventLog.Sqlite.Writing;

/// <summary>Erase every row of a stream: its events, snapshots and head.</summary>
internal sealed class EraseRequest(string stream) : WriteRequest
{
    public string Stream { get; } = stream;
}
