namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// The writer's cache of stream heads: each stream's id and head as this writer last committed
/// them, so an append to a known stream costs one insert per event and one head update, not a
/// head read first. The writer is the only one that writes the file, so what it committed is
/// what the file holds, unless: the batch failed (the cache may hold heads that were rolled back:
/// it is emptied), a stream was erased (its entry goes), or another connection committed to the
/// file (SQLite's <c>data_version</c> moves: the cache is emptied before the batch trusts it).
/// Bounded: when full it is emptied, and heads are read again as they are needed.
/// </summary>
internal sealed partial class GroupCommitWriter
{
    private const int HeadCacheCapacity = 65_536;

    private readonly Dictionary<string, (long Id, StreamHead Head)> _heads = new(StringComparer.Ordinal);
    private long _dataVersion = -1;

    /// <summary>The stream's id (null when it has no row yet) and head, from the cache or else from the file.</summary>
    private (long? Id, StreamHead Head) ReadHead(string stream)
    {
        if (_heads.TryGetValue(stream, out var known))
        {
            return (known.Id, known.Head);
        }

        return _commands.ReadHead(stream);
    }

    /// <summary>Remembers a head this batch wrote (forgotten again if the batch does not commit).</summary>
    private void RememberHead(string stream, long id, StreamHead head)
    {
        if (_heads.Count >= HeadCacheCapacity && !_heads.ContainsKey(stream))
        {
            _heads.Clear();
        }

        _heads[stream] = (id, head);
    }

    /// <summary>Inside the batch's transaction: empties the cache when another connection has committed since the last batch.</summary>
    private void ForgetHeadsIfChangedElsewhere()
    {
        var dataVersion = _commands.DataVersion();
        if (dataVersion != _dataVersion)
        {
            _heads.Clear();
            _dataVersion = dataVersion;
        }
    }
}
