using System.IO.Compression;
using Companion.Continuity.Verification;
using Companion.Domain.Events;

namespace Companion.Continuity.Tests;

/// <summary>
/// The limits bound what a zip bomb costs (bytes expanded, entries, time), not how well a
/// history compresses: an archive this software wrote always verifies.
/// </summary>
public sealed class ArchiveSizeTests
{
    [Fact]
    public async Task Verify_accepts_an_archive_of_long_repetitive_messages_however_well_they_compress()
    {
        var history = new History();
        history.Add(new UserRegistered(history.UserId, "Robin", history.Next()));
        history.Add(new CompanionCreated("c_sol00001", "Sol", Persona.Empty with { Description = "calm" }, null, history.Next()));
        history.Add(new SessionStarted("c_sol00001", "s_first001", null, history.Next()));
        for (var i = 0; i < 3; i++)
        {
            history.Message("c_sol00001", "s_first001", "user", "A" + new string('a', 31_998) + "h");
        }

        var archive = await Archives.WriteAsync(history.Envelopes);
        var verification = await Archives.VerifyAsync(archive);

        Assert.True(verification.IsValid, verification.Describe());
        using var zip = new ZipArchive(new MemoryStream(archive));
        var ratios = zip.Entries.ToDictionary(e => e.FullName, e => e.Length / e.CompressedLength);
        Assert.True(ratios.Values.Max() > 200, $"no entry compresses more than the old limit of 200 times: {string.Join(", ", ratios)}");
    }

    [Fact]
    public async Task Verify_refuses_a_tiny_archive_that_expands_to_gigabytes_by_its_total_without_expanding_it()
    {
        // Nine transcripts of 120 MiB of zeros each: every one under the per-entry limit, 1.05 GiB in all, about 1 MiB zipped.
        var bomb = await BombAsync(entries: 9, bytesEach: 120L * 1024 * 1024);
        var counted = new CountingStream(bomb);

        var verification = await new ArchiveVerifier(History.Registry).VerifyAsync(counted);

        Assert.False(verification.IsValid);
        Assert.True(verification.IsTooLarge);
        Assert.Contains(verification.Problems, p => p.Message.StartsWith("The entries expand to 1132462090 bytes in all; the limit is 1073741824", StringComparison.Ordinal));
        Assert.True(counted.BytesRead < bomb.Length / 10, $"read {counted.BytesRead} of the archive's {bomb.Length} bytes: it was expanded, not refused from its directory");
    }

    [Fact]
    public async Task Verify_refuses_an_archive_that_holds_more_entries_than_allowed()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);

        var verification = await Archives.VerifyAsync(archive, new ArchiveLimits { MaxEntries = 3 });

        var problem = Assert.Single(verification.Problems);
        Assert.Equal(ArchiveProblemKind.TooLarge, problem.Kind);
        Assert.Equal("The archive holds 12 entries; at most 3 are allowed.", problem.Message);
    }

    [Fact]
    public async Task Verify_gives_up_on_an_archive_that_takes_longer_than_allowed_and_says_so()
    {
        var archive = await Archives.WriteAsync(History.Sample(messages: 2_000).Envelopes);

        var verification = await Archives.VerifyAsync(archive, new ArchiveLimits { MaxDuration = TimeSpan.FromTicks(1) });

        var problem = Assert.Single(verification.Problems);
        Assert.Equal(ArchiveProblemKind.TooLarge, problem.Kind);
        Assert.StartsWith("Verifying the archive took longer than ", problem.Message);
    }

    /// <summary>A zip of well-named transcripts of zeros: it compresses about a thousand times.</summary>
    private static async Task<MemoryStream> BombAsync(int entries, long bytesEach)
    {
        var zeros = new byte[1 << 20];
        var buffer = new MemoryStream();
        await using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in ArchiveFormat.FixedEntries)
            {
                await using var fixedEntry = await zip.CreateEntry(name).OpenAsync();
                await fixedEntry.WriteAsync("{}"u8.ToArray());
            }

            for (var i = 0; i < entries; i++)
            {
                await using var entry = await zip.CreateEntry($"conversations/c_sol00001/s_bomb{i:D4}.md", CompressionLevel.Fastest).OpenAsync();
                for (long written = 0; written < bytesEach; written += zeros.Length)
                {
                    await entry.WriteAsync(zeros);
                }
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Counts the bytes a reader takes from a seekable stream.</summary>
    private sealed class CountingStream(MemoryStream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
