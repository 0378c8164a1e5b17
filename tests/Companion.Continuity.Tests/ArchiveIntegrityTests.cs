using Companion.Continuity.Verification;

namespace Companion.Continuity.Tests;

/// <summary>Every entry must expand to exactly the size and CRC-32 it declares, and the zip must start where it says.</summary>
public sealed class ArchiveIntegrityTests
{
    private static Task<byte[]> ArchiveAsync() => Archives.WriteAsync(History.Sample().Envelopes);

    [Fact]
    public async Task Verify_refuses_a_zip_with_bytes_in_front_of_it_with_a_problem_not_an_exception()
    {
        var archive = await ArchiveAsync();
        var prefixed = "#!/bin/sh\nexit 0\n"u8.ToArray().Concat(archive).ToArray();

        var verification = await Archives.VerifyAsync(prefixed);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Kind is ArchiveProblemKind.NotAnArchive or ArchiveProblemKind.Malformed);
    }

    [Theory]
    [InlineData(ArchiveFormat.JournalEntry)]
    [InlineData(ArchiveFormat.EventsEntry)]
    [InlineData(ArchiveFormat.ManifestEntry)]
    [InlineData("conversations/c_sol00001/s_first001.md")]
    public async Task Verify_refuses_an_entry_whose_checksum_is_not_the_one_it_declares_naming_it(string name)
    {
        var archive = await ArchiveAsync();
        var forged = ZipSurgery.Claim(archive, name, crc: ZipSurgery.Claimed(archive, name).Crc ^ 1);

        var verification = await Archives.VerifyAsync(forged);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.Malformed && p.Message.Contains($"'{name}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ArchiveFormat.JournalEntry, 7)]
    [InlineData(ArchiveFormat.JournalEntry, -7)]
    [InlineData(ArchiveFormat.EventsEntry, 100)]
    [InlineData("companions/c_sol00001.card.json", 1)]
    public async Task Verify_refuses_an_entry_that_lies_about_its_size_naming_it(string name, int by)
    {
        var archive = await ArchiveAsync();
        var forged = ZipSurgery.Claim(archive, name, length: (uint)(ZipSurgery.Claimed(archive, name).Length + by));

        var verification = await Archives.VerifyAsync(forged);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Message.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_checks_the_checksum_of_entries_it_does_not_compare()
    {
        // Another producer's readable files are only checked for presence; they must still be whole.
        var archive = Archives.RewriteText(await ArchiveAsync(), ArchiveFormat.ManifestEntry,
            text => text.Replace($"\"producer\": \"{ArchiveWriter.Producer}\"", "\"producer\": \"another-exporter 9.9\"", StringComparison.Ordinal));
        Assert.True((await Archives.VerifyAsync(archive)).IsValid, "the producer was not replaced");
        var forged = ZipSurgery.Claim(archive, ArchiveFormat.MemoriesEntry, crc: ZipSurgery.Claimed(archive, ArchiveFormat.MemoriesEntry).Crc ^ 1);

        var verification = await Archives.VerifyAsync(forged);

        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.Malformed && p.Message.Contains("'memories.md'", StringComparison.Ordinal));
    }
}
