namespace Companion.EventLog.AzureStorage;

/// <summary>
/// The few recent listings the catalog may answer from, so a caller paging through the streams
/// 100 at a time makes one listing request per few thousand streams rather than one per page.
/// A window is used only while younger than the maximum age; the log drops every window when it
/// creates or erases a stream itself, so its own writes show at once.
/// </summary>
internal sealed class CatalogWindows(TimeSpan maxAge, TimeProvider time)
{
    /// <summary>Enough for a few callers paging at once; each window holds at most one listing page.</summary>
    private const int MaxWindows = 8;

    private readonly Lock _lock = new();
    private readonly List<CatalogWindow> _windows = [];

    /// <summary>A fresh window that holds the streams after <paramref name="cursor"/>, if any.</summary>
    public CatalogWindow? Find(string cursor)
    {
        lock (_lock)
        {
            _windows.RemoveAll(IsStale);
            return _windows.Find(w => w.Covers(cursor));
        }
    }

    /// <summary>The window a pass read last before reaching <paramref name="cursor"/>, to size the next one after it.</summary>
    public CatalogWindow? EndingAt(string cursor)
    {
        lock (_lock)
        {
            return _windows.Find(w => string.Equals(w.End, cursor, StringComparison.Ordinal));
        }
    }

    public void Add(CatalogWindow window)
    {
        if (maxAge <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            _windows.RemoveAll(IsStale);
            if (_windows.Count == MaxWindows)
            {
                _windows.RemoveAt(0);
            }

            _windows.Add(window);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _windows.Clear();
        }
    }

    public long Now() => time.GetTimestamp();

    private bool IsStale(CatalogWindow window) => time.GetElapsedTime(window.ListedAt) > maxAge;
}
