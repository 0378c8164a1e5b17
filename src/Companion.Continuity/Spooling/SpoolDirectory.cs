using System.Security.Cryptography;

namespace Companion.Continuity.Spooling;

/// <summary>
/// Where archive work spools what it cannot hold in memory (an uploaded archive, transcripts
/// being rendered): a directory only this user can enter (0700), files only this user can read
/// (0600), every byte encrypted under a key held in memory alone (<see cref="SpoolStream"/>), and
/// deleted when closed. Each process works in its own subdirectory, locked while it runs; opening
/// the spool root deletes every subdirectory whose process is gone (crashed), so nothing outlives
/// the next start.
/// </summary>
public sealed class SpoolDirectory : IDisposable
{
    private const string LockFile = ".lock";
    private static readonly Lazy<SpoolDirectory> PrivateTemp = new(CreateTemporary);

    private readonly FileStream _lock;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private long _nonce;

    private SpoolDirectory(string root, bool sweep)
    {
        Root = System.IO.Path.GetFullPath(root);
        CreatePrivateDirectory(Root);
        Swept = sweep ? Sweep(Root) : 0;
        Path = System.IO.Path.Combine(Root, $"run-{Guid.NewGuid():N}");
        CreatePrivateDirectory(Path);
        // A shared lock while this process lives: a sweep's exclusive lock fails on it, readers do not.
        var lockOptions = PrivateFile(FileMode.CreateNew, FileOptions.None);
        lockOptions.Share = FileShare.Read;
        _lock = new FileStream(System.IO.Path.Combine(Path, LockFile), lockOptions);
    }

    /// <summary>A spool in a private directory of the system's temporary directory, for tools that have no data directory.</summary>
    public static SpoolDirectory Temporary => PrivateTemp.Value;

    /// <summary>The spool root (e.g. <c>&lt;data&gt;/spool</c>).</summary>
    public string Root { get; }

    /// <summary>This process's own directory inside <see cref="Root"/>.</summary>
    public string Path { get; }

    /// <summary>How many leftovers of processes that are gone were deleted when this was opened.</summary>
    public int Swept { get; }

    /// <summary>Opens the spool at <paramref name="root"/>, deleting what crashed processes left there.</summary>
    public static SpoolDirectory Open(string root) => new(root, sweep: true);

    /// <summary>A new, empty, encrypted spool file open for reading and writing; deleted when disposed.</summary>
    public Stream CreateFile() => new SpoolStream(
        new FileStream(System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}.spool"), PrivateFile(FileMode.CreateNew, FileOptions.DeleteOnClose | FileOptions.Asynchronous)),
        _key, NextNonce());

    /// <summary>A new private subdirectory for a set of spool files (<see cref="OpenFile"/>); the caller deletes it.</summary>
    public string CreateDirectory()
    {
        var path = System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}");
        CreatePrivateDirectory(path);
        return path;
    }

    /// <summary>A new nonce for <see cref="OpenFile"/>: one per file, never reused under this spool's key.</summary>
    public ulong NextNonce() => (ulong)Interlocked.Increment(ref _nonce);

    /// <summary>
    /// Opens (creating it private when missing) an encrypted spool file that the caller keeps and
    /// deletes itself; the same <paramref name="nonce"/> must be given each time the file is opened.
    /// </summary>
    public Stream OpenFile(string path, FileMode mode, FileAccess access, ulong nonce)
    {
        var options = PrivateFile(mode, FileOptions.None);
        options.Access = access;
        return new SpoolStream(new FileStream(path, options), _key, nonce);
    }

    /// <summary>Forgets the key and deletes this process's directory with everything still in it.</summary>
    public void Dispose()
    {
        _lock.Dispose();
        CryptographicOperations.ZeroMemory(_key);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Swept at the next start; its contents are unreadable without the key just zeroed.
        }
    }

    private static SpoolDirectory CreateTemporary()
    {
        var spools = new SpoolDirectory(Directory.CreateTempSubdirectory("companion-spool-").FullName, sweep: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            spools.Dispose();
            try
            {
                Directory.Delete(spools.Root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleanup; it holds nothing readable.
            }
        };
        return spools;
    }

    /// <summary>Deletes every directory in <paramref name="root"/> whose owner's lock can be taken (its process is gone), and every stray file.</summary>
    private static int Sweep(string root)
    {
        var swept = 0;
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            try
            {
                using (new FileStream(System.IO.Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                }

                Directory.Delete(directory, recursive: true);
                swept++;
            }
            catch (IOException)
            {
                // Locked: a live process (another silo sharing this data directory) works there.
            }
        }

        foreach (var file in Directory.EnumerateFiles(root))
        {
            File.Delete(file);
            swept++;
        }

        return swept;
    }

    private static FileStreamOptions PrivateFile(FileMode mode, FileOptions options)
    {
        var file = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = options, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows() && mode is FileMode.CreateNew or FileMode.Create or FileMode.OpenOrCreate)
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return file;
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
