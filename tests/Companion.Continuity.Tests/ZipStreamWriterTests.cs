using System.IO.Compression;
using System.IO.Hashing;
using Companion.Continuity.Zip;

namespace Companion.Continuity.Tests;

/// <summary>The ZIP writer behind the archive: parallel deflate blocks joined into standard entries that every reader takes.</summary>
public sealed class ZipStreamWriterTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 6, 30, 14, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("zip-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Entries_cut_into_many_blocks_read_back_byte_for_byte_through_ZipArchive()
    {
        var entries = Contents(blockSize: 4096);

        var zip = await WriteAsync(entries, blockSize: 4096);

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(entries.Keys.Order(StringComparer.Ordinal), archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in archive.Entries)
        {
            Assert.Equal(Crc32.HashToUInt32(entries[entry.FullName]), entry.Crc32);
            Assert.Equal(entries[entry.FullName], Read(entry));
            Assert.Equal(At.DateTime, entry.LastWriteTime.DateTime);
        }
    }

    [Fact]
    public async Task Info_ZIP_unzip_and_Python_zipfile_read_the_same_entries_as_ZipArchive()
    {
        var entries = Contents(blockSize: 4096);
        var path = Path.Combine(_directory, "blocks.zip");
        await File.WriteAllBytesAsync(path, await WriteAsync(entries, blockSize: 4096));

        var unzip = await ZipTools.UnzipTestAsync(path);

        Assert.All(entries.Keys, name => Assert.Contains($"testing: {name}", unzip));
        Assert.Equal(ZipTools.Listing(entries), await ZipTools.PythonListingAsync(path));
    }

    [Fact]
    public async Task The_writer_only_writes_asynchronously_to_a_destination_that_cannot_seek()
    {
        var entries = Contents(blockSize: 4096);
        using var buffer = new MemoryStream();

        await using (var zip = new ZipStreamWriter(new ForwardOnlyStream(buffer), level: 6, blockSize: 4096))
        {
            foreach (var (name, content) in entries)
            {
                await zip.AddAsync(name, content, At);
            }

            await zip.FinishAsync();
        }

        Assert.Equal(ZipTools.Listing(entries), ZipTools.Listing(Archives.Entries(buffer.ToArray())));
    }

    [Fact]
    public async Task More_than_65535_entries_get_a_ZIP64_end_record_that_every_reader_follows()
    {
        var entries = Enumerable.Range(0, 70_000).ToDictionary(i => $"e/{i:D6}.txt", i => System.Text.Encoding.UTF8.GetBytes($"entry {i}\n"));
        var path = Path.Combine(_directory, "many.zip");
        await File.WriteAllBytesAsync(path, await WriteAsync(entries, blockSize: 4096));

        Assert.Equal(70_000, Archives.Entries(await File.ReadAllBytesAsync(path)).Count);
        Assert.Equal(ZipTools.Listing(entries), await ZipTools.PythonListingAsync(path));
        await ZipTools.UnzipTestAsync(path);
    }

    [Fact]
    public async Task An_entry_over_4_GiB_gets_ZIP64_sizes_that_ZipArchive_and_unzip_read()
    {
        const long Size = (4L << 30) + (3 << 20) + 5;
        var path = Path.Combine(_directory, "big.zip");
        var zeros = new byte[1 << 20];
        await using (var file = File.Create(path))
        await using (var zip = new ZipStreamWriter(file, level: 2))
        {
            var entry = zip.OpenEntry("big.bin", At);
            for (var left = Size; left > 0; left -= zeros.Length)
            {
                await entry.WriteAsync(zeros.AsMemory(0, (int)Math.Min(left, zeros.Length)));
            }

            await entry.CloseAsync();
            await zip.AddAsync("after.txt", "after the big one\n"u8.ToArray(), At);
            await zip.FinishAsync();
        }

        using (var archive = ZipFile.OpenRead(path))
        {
            Assert.Equal(Size, archive.GetEntry("big.bin")?.Length);
            using var after = archive.GetEntry("after.txt")?.Open() ?? throw new InvalidOperationException("after.txt is missing");
            Assert.Equal("after the big one\n", new StreamReader(after).ReadToEnd());
        }

        var unzip = await ZipTools.UnzipTestAsync(path);
        Assert.Contains("testing: big.bin", unzip);
    }

    [Fact]
    public async Task A_failed_entry_leaves_no_block_deflating_behind_when_the_writer_is_disposed()
    {
        using var buffer = new MemoryStream();
        var zip = new ZipStreamWriter(buffer, level: 6, blockSize: 4096);
        var entry = zip.OpenEntry("events.jsonl", At);
        await entry.WriteAsync(new byte[4096 * 10]);

        await zip.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => zip.OpenEntry("more", At));
    }

    /// <summary>Entries of every awkward size around the block size, compressible and not, and an empty one.</summary>
    private static Dictionary<string, byte[]> Contents(int blockSize)
    {
        var random = new Random(17);
        byte[] Noise(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        byte[] Text(int length) => System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, (length / 10) + 1).Select(i => $"line {i} of text é\n")))[..length];

        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["empty.txt"] = [],
            ["one.txt"] = [42],
            ["under.jsonl"] = Text(blockSize - 1),
            ["exact.jsonl"] = Text(blockSize),
            ["over.jsonl"] = Text(blockSize + 1),
            ["many.jsonl"] = Text((blockSize * 37) + 123),
            ["noise.bin"] = Noise((blockSize * 9) + 7),
            ["conversations/c_1/s_ü.md"] = Text(blockSize * 3),
        };
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyDictionary<string, byte[]> entries, int blockSize)
    {
        using var buffer = new MemoryStream();
        await using (var zip = new ZipStreamWriter(buffer, level: 6, blockSize: blockSize))
        {
            foreach (var (name, content) in entries)
            {
                // Written in uneven pieces, as the archive's renderers write.
                var entry = zip.OpenEntry(name, At);
                for (var at = 0; at < content.Length; at += 1000)
                {
                    await entry.WriteAsync(content.AsMemory(at, Math.Min(1000, content.Length - at)));
                }

                await entry.CloseAsync();
            }

            await zip.FinishAsync();
        }

        return buffer.ToArray();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
