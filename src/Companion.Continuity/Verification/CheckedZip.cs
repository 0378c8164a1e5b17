using System.IO.Compression;

namespace Companion.Continuity.Verification;

/// <summary>
/// A zip being verified: every entry is read through a <see cref="CheckedEntryStream"/>, and
/// <see cref="CheckTheRestAsync"/> reads whatever the verification did not read to its end, so
/// no entry is called unaltered without its size and CRC-32 having been checked.
/// </summary>
internal sealed class CheckedZip(ZipArchive zip)
{
    private readonly HashSet<string> _whole = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ZipArchiveEntry> Entries => zip.Entries;

    public ZipArchiveEntry? GetEntry(string name) => zip.GetEntry(name);

    /// <summary>Opens an entry; its declared size was already held to the limits by the directory check.</summary>
    public async Task<CheckedEntryStream> OpenAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var name = entry.FullName;
        return new CheckedEntryStream(await entry.OpenAsync(cancellationToken), entry, () => _whole.Add(name));
    }

    public async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(entry, cancellationToken);
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, 1 << 20));
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Reads every entry not yet read whole, to check its size and CRC-32.</summary>
    public async Task CheckTheRestAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in zip.Entries.Where(e => !_whole.Contains(e.FullName)))
        {
            await using var stream = await OpenAsync(entry, cancellationToken);
            await stream.CopyToAsync(Stream.Null, cancellationToken);
        }
    }
}
