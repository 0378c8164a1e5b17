namespace Companion.EventLog.Sqlite;

/// <summary>Where the SQLite event log keeps its file and how its writer batches.</summary>
public sealed class SqliteEventLogOptions
{
    /// <summary>The database file path; its directory is created when missing. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>The most write requests (appends and snapshot saves) committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// How long a connection waits for a lock held by another connection or process before failing.
    /// Microsoft.Data.Sqlite's own retries count in whole seconds, so this is rounded up to at least one.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
