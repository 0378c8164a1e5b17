namespace Companion.Continuity.Tests;

/// <summary>An exported archive is a plain ZIP: the tools people have read it as the archive's own reader does.</summary>
public sealed class ArchiveZipToolsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("archive-tools-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_exported_archive_passes_unzip_t_and_Python_zipfile_with_the_entries_ZipArchive_reads()
    {
        var archive = await Archives.WriteAsync(History.Sample(messages: 3000).Envelopes);
        var path = Path.Combine(_directory, "archive.zip");
        await File.WriteAllBytesAsync(path, archive);

        var unzip = await ZipTools.UnzipTestAsync(path);

        Assert.Contains($"testing: {ArchiveFormat.EventsEntry}", unzip);
        Assert.Equal(ZipTools.Listing(Archives.Entries(archive)), await ZipTools.PythonListingAsync(path));
        Assert.True((await Archives.VerifyAsync(archive)).IsValid);
    }

    [Fact]
    public async Task The_events_entry_holds_every_envelope_line_as_stored_across_many_deflate_blocks()
    {
        var history = History.Sample(messages: 6000);

        var events = Archives.Text(await Archives.WriteAsync(history.Envelopes), ArchiveFormat.EventsEntry);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(events) > 2 * Zip.ZipStreamWriter.DefaultBlockSize, "the entry should span several blocks");
        Assert.Equal(string.Concat(history.Envelopes.Select(e => Archives.Line(e) + "\n")), events);
    }
}
