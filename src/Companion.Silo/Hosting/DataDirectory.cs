namespace Companion.Silo.Hosting;

/// <summary>The silo's data directory and the secrets it keeps there when configuration gives none.</summary>
public sealed class DataDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

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
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
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
