using System.Security.Cryptography;
using System.Text;
using Companion.Continuity.Spooling;

namespace Companion.Continuity.Tests;

/// <summary>Spools are private, encrypted under a key only the process holds, and gone after close or the next start.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SpoolDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;
    private static readonly byte[] Words = Encoding.UTF8.GetBytes("my sister's name is Juniper and I miss her. ");
    private readonly string _root = Path.Combine(Directory.CreateTempSubdirectory("spool-tests-").FullName, "spool");

    [Fact]
    public async Task A_spool_file_is_0600_in_a_0700_directory_and_is_gone_when_closed()
    {
        using var spools = SpoolDirectory.Open(_root);
        string path;
        await using (var file = spools.CreateFile())
        {
            await file.WriteAsync(Words);
            await file.FlushAsync();
            path = Assert.Single(Directory.GetFiles(spools.Path, "*.spool"));

            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(spools.Path));
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(spools.Root));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task What_a_spool_holds_on_disk_is_not_the_words_written_to_it_but_reads_back_as_them_anywhere_in_it()
    {
        using var spools = SpoolDirectory.Open(_root);
        var path = Path.Combine(spools.CreateDirectory(), "transcript.spool");
        var nonce = spools.NextNonce();
        var text = Enumerable.Repeat(Words, 2_000).SelectMany(w => w).ToArray();
        await using (var writer = spools.OpenFile(path, FileMode.CreateNew, FileAccess.Write, nonce))
        {
            await writer.WriteAsync(text.AsMemory(0, 1_000));
        }

        await using (var appender = spools.OpenFile(path, FileMode.Append, FileAccess.Write, nonce))
        {
            await appender.WriteAsync(text.AsMemory(1_000));
        }

        var onDisk = await File.ReadAllBytesAsync(path);
        await using var reader = spools.OpenFile(path, FileMode.Open, FileAccess.Read, nonce);
        reader.Position = 12_345;
        var middle = new byte[777];
        await reader.ReadExactlyAsync(middle);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(text.Length, onDisk.Length);
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("Juniper"u8));
        Assert.Equal(text.AsSpan(12_345, 777).ToArray(), middle);
    }

    [Fact]
    public void Opening_the_spool_deletes_what_a_crashed_run_left_and_keeps_what_a_live_one_holds()
    {
        using var live = SpoolDirectory.Open(_root);
        using var liveFile = live.CreateFile();
        var crashed = Path.Combine(_root, "run-crashed");
        Directory.CreateDirectory(crashed);
        File.WriteAllText(Path.Combine(crashed, ".lock"), "");
        File.WriteAllBytes(Path.Combine(crashed, "import.spool"), RandomNumberGenerator.GetBytes(64));
        File.WriteAllText(Path.Combine(_root, "companion-import-leftover.zip"), "key.json");

        using var next = SpoolDirectory.Open(_root);

        Assert.False(Directory.Exists(crashed));
        Assert.False(File.Exists(Path.Combine(_root, "companion-import-leftover.zip")));
        Assert.True(Directory.Exists(live.Path));
        Assert.Single(Directory.GetFiles(live.Path, "*.spool"));
        Assert.Equal(2, next.Swept);
    }

    [Fact]
    public void Closing_the_spool_deletes_its_directory_with_whatever_is_still_in_it()
    {
        var spools = SpoolDirectory.Open(_root);
        var transcripts = spools.CreateDirectory();
        File.WriteAllText(Path.Combine(transcripts, "0.md.spool"), "noise");

        spools.Dispose();

        Assert.False(Directory.Exists(spools.Path));
        Assert.True(Directory.Exists(_root));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
}
