namespace Companion.EventLog.Sqlite;

/// <summary>Where the SQLite storage keeps its two files (events, keys), how its writer batches and how it reads.</summary>
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

    /// <summary>
    /// The most write requests (appends and snapshot saves) committed in one transaction. Large,
    /// because one durable sync per batch is the cost of an append: the writer takes whatever is
    /// queued, so a quiet log still commits one request at a time.
    /// </summary>
    public int MaxBatchSize { get; set; } = 4096;

    /// <summary>
    /// How long a connection waits for a lock held by another connection or process before failing.
    /// Microsoft.Data.Sqlite's own retries count in whole seconds, so this is rounded up to at least one.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most envelopes one short read of a stream returns before the next read continues.</summary>
    public int ReadPageSize { get; set; } = 256;

    /// <summary>A read's page ends after the envelope that brings its payloads to this many bytes.</summary>
    public int ReadPageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The write-ahead log is checkpointed and truncated back to this size once the writer is idle
    /// and it has grown past it (after a burst of writes). Also SQLite's <c>journal_size_limit</c>.
    /// </summary>
    public long WalSizeLimit { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// A quota on the database file in bytes (0, the default, for none): a write that would grow
    /// it past this is refused exactly as on a full disk, and the service answers 503 for it.
    /// </summary>
    public long MaxDatabaseBytes { get; set; }

    /// <summary>
    /// How long an erasure waits for the write-ahead log to be emptied of the erased rows before it
    /// fails (the writer keeps trying afterwards; asking again waits again).
    /// </summary>
    public TimeSpan ErasureCheckpointTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
