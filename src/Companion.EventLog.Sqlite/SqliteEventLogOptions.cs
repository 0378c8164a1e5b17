namespace Companion.EventLog.Sqlite;

/// <summary>Where the SQLite storage keeps its two files (events, keys) and how its writer batches.</summary>
public sealed class SqliteEventLogOptions
{
    /// <summary>The configuration section these options are read from; messages about them name its keys.</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The event log's database file path; its directory is created when missing. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>
    /// The key store's database file path, apart from <see cref="DataSource"/> so a copy of the
    /// events alone is ciphertext. Required by <see cref="SqliteStorageServiceCollectionExtensions.AddSqliteStorage"/>.
    /// </summary>
    public string KeysDataSource { get; set; } = "";

    /// <summary>The most write requests (appends and snapshot saves) committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// How long a connection waits for a lock held by another connection or process before failing.
    /// Microsoft.Data.Sqlite's own retries count in whole seconds, so this is rounded up to at least one.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
