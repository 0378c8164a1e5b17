using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Companion.Continuity.Verification;
using Companion.EventLog;

namespace Companion.Continuity;

/// <summary>
/// Reads parts of an archive without checking it as a whole: the envelopes of an archive
/// that <see cref="ArchiveVerifier"/> has passed (to restore it), and the manifest and
/// companion names (to show what an archive claims to hold). Every read is bounded by the
/// entry's declared size and the limits.
/// </summary>
public static class ArchiveReader
{
    /// <summary>The envelopes of <c>events.jsonl</c>, in order. Verify the archive first: this only parses.</summary>
    public static async IAsyncEnumerable<EventEnvelope> ReadEventsAsync(
        Stream archive, ArchiveLimits? limits = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            var entry = zip.GetEntry(ArchiveFormat.EventsEntry) ?? throw new InvalidDataException("The archive has no events.jsonl.");
            await using var stream = BoundedReadStream.Over(await entry.OpenAsync(cancellationToken), entry.FullName,
                Math.Min(entry.Length, (limits ?? ArchiveLimits.Default).MaxEventsBytes));
            using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                yield return EnvelopeJson.Parse(Encoding.UTF8.GetBytes(line));
            }
        }
    }

    /// <summary>The data key of key.json, or null when the archive's payloads are not encrypted. Verify the archive first: this only parses.</summary>
    /// <exception cref="InvalidDataException">key.json is there but unreadable.</exception>
    public static async Task<ArchiveKey?> ReadKeyAsync(Stream archive, ArchiveLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            if (zip.GetEntry(ArchiveFormat.KeyEntry) is not { } entry)
            {
                return null;
            }

            try
            {
                return ArchiveKey.Parse(await ReadAllAsync(entry, (limits ?? ArchiveLimits.Default).MaxEntryBytes, cancellationToken));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }
    }

    /// <summary>What the manifest claims, each companion's id and name from its card, and whether the archive carries a key (its payloads are encrypted), unverified.</summary>
    /// <exception cref="InvalidDataException">Not a zip, or the manifest is missing or unreadable.</exception>
    public static async Task<(ArchiveManifest Manifest, IReadOnlyList<ArchivedCompanion> Companions, bool Encrypted)> InspectAsync(
        Stream archive, ArchiveLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var max = (limits ?? ArchiveLimits.Default).MaxEntryBytes;
        var zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            var manifestEntry = zip.GetEntry(ArchiveFormat.ManifestEntry) ?? throw new InvalidDataException("The archive has no manifest.json.");
            ArchiveManifest manifest;
            try
            {
                manifest = ArchiveManifest.Parse(await ReadAllAsync(manifestEntry, max, cancellationToken));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(e.Message, e);
            }

            var companions = new List<ArchivedCompanion>();
            foreach (var entry in zip.Entries.Where(e => ArchiveFormat.IsCardEntry(e.FullName)))
            {
                var id = entry.FullName["companions/".Length..^".card.json".Length];
                using var card = JsonDocument.Parse(await ReadAllAsync(entry, max, cancellationToken));
                var name = card.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("name", out var n) ? n.GetString() : null;
                companions.Add(new ArchivedCompanion(id, name ?? "(no name)"));
            }

            return (manifest, companions, zip.GetEntry(ArchiveFormat.KeyEntry) is not null);
        }
    }

    private static async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry, long limit, CancellationToken cancellationToken)
    {
        await using var stream = BoundedReadStream.Over(await entry.OpenAsync(cancellationToken), entry.FullName, Math.Min(entry.Length, limit));
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }
        catch (ArchiveLimitException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        return buffer.ToArray();
    }
}
