using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite;

/// <summary>Which SQLite errors mean the storage itself refuses to write, as opposed to a lock held a moment too long.</summary>
internal static class SqliteStorageFaults
{
    private const int Perm = 3;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>True for a disk that is full, read-only, failing or gone: retrying at once cannot help.</summary>
    public static bool IsStorageFault(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Perm or ReadOnly or IoError or Corrupt or Full or CantOpen or NotADatabase };

    /// <summary>Says what the storage refused in words an operator can act on; never anything stored.</summary>
    public static string Describe(SqliteException exception) => exception.SqliteErrorCode switch
    {
        Full => "the disk holding the event log is full",
        ReadOnly or Perm => "the event log's files or directory cannot be written (read-only, immutable or not permitted)",
        CantOpen => "a file of the event log (the database, its -wal or -shm) cannot be opened",
        IoError => "the disk holding the event log answered an I/O error",
        _ => "the event log's file is damaged",
    } + $" (SQLite error {exception.SqliteErrorCode}, extended {exception.SqliteExtendedErrorCode})";
}
