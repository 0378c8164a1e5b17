namespace Companion.EventLog.Sqlite;

/// <summary>
/// Database files readable by their owner alone. SQLite creates a new database with the
/// process's default mode (0644 under the usual umask) and gives its <c>-wal</c> and <c>-shm</c>
/// the database's mode, so creating the (empty) database file 0600 first makes all three private.
/// </summary>
public static class PrivateDatabaseFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> empty and private when missing; makes it (and its <c>-wal</c>, <c>-shm</c>) private when not.</summary>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            {
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // It exists (perhaps from an older version, 0644): tightened below.
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }
}
