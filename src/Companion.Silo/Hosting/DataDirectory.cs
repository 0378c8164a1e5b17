namespace Companion.Silo.Hosting;

/// <summary>
/// The silo's data directory and the secrets it keeps there when configuration gives none. It is
/// private: the directory 0700, every file in it 0600 (SQLite gives a database's <c>-wal</c> and
/// <c>-shm</c> the mode of the database file).
/// </summary>
public sealed class DataDirectory(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// Creates the directory private, or makes an existing one private with the files directly in
    /// it (a data directory written by an earlier version held 0644 databases).
    /// </summary>
    public void MakePrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
            return;
        }

        Directory.CreateDirectory(Path, OwnerOnly | UnixFileMode.UserExecute);
        System.IO.File.SetUnixFileMode(Path, OwnerOnly | UnixFileMode.UserExecute);
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            System.IO.File.SetUnixFileMode(file, OwnerOnly);
        }
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Reads a secret file, or creates it with <paramref name="create"/> readable by the owner only.</summary>
    public string ReadOrCreateSecret(string name, Func<string> create)
    {
        Directory.CreateDirectory(Path);
        var file = File(name);
        if (System.IO.File.Exists(file))
        {
            return System.IO.File.ReadAllText(file).Trim();
        }

        var value = create();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var writer = new StreamWriter(file, options);
            writer.Write(value);
        }
        catch (IOException) when (System.IO.File.Exists(file))
        {
            // Another process sharing the directory created it first; use theirs.
            return System.IO.File.ReadAllText(file).Trim();
        }

        return value;
    }
}
