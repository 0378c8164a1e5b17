using System.Collections.Immutable;
using System.IO.Compression;
using Companion.EventLog;
using Companion.History;

namespace Companion.Continuity.Verification;

/// <summary>
/// Checks a <c>companion-continuity</c> archive without trusting any of it: the entry names and
/// sizes first (nothing is decompressed before they pass), then every line of <c>events.jsonl</c>
/// (parses, versions gap-free from 1, every hash recomputes, every event type known and readable,
/// every event applies), then the manifest, the snapshot and the human-readable files against
/// what the events say. Bad archives are answered with a list of problems, never an exception.
/// </summary>
/// <param name="registry">The event types this software reads (with upcasters for older versions).</param>
/// <param name="limits">Size and ratio bounds; <see cref="ArchiveLimits.Default"/> when null.</param>
public sealed partial class ArchiveVerifier(EventTypeRegistry registry, ArchiveLimits? limits = null)
{
    private readonly ArchiveLimits _limits = limits ?? ArchiveLimits.Default;

    /// <summary>Verifies the archive in a file.</summary>
    public async Task<ArchiveVerification> VerifyFileAsync(string path, IProgress<ArchiveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await VerifyAsync(file, progress, cancellationToken);
    }

    /// <summary>
    /// Verifies the archive in a stream. A stream that cannot seek is first copied to a
    /// temporary file (a zip is read from its end), up to <see cref="ArchiveLimits.MaxTotalBytes"/>.
    /// </summary>
    public async Task<ArchiveVerification> VerifyAsync(Stream archive, IProgress<ArchiveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (!archive.CanSeek)
        {
            await using var spooled = await TemporaryFile.CopyAsync(archive, _limits.MaxTotalBytes, cancellationToken);
            if (spooled is null)
            {
                return Refused(new ArchiveProblem(ArchiveProblemKind.TooLarge, $"The archive is larger than {_limits.MaxTotalBytes} bytes."));
            }

            return await VerifyAsync(spooled, progress, cancellationToken);
        }

        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return Refused(new ArchiveProblem(ArchiveProblemKind.NotAnArchive, $"This is not a zip archive: {e.Message}"));
        }

        await using (zip)
        {
            var problems = new List<ArchiveProblem>();
            CheckEntries(zip, problems);
            if (problems.Count > 0)
            {
                return new ArchiveVerification([.. problems], null);
            }

            try
            {
                return await VerifyContentsAsync(zip, problems, progress, cancellationToken);
            }
            catch (ArchiveLimitException e)
            {
                problems.Add(new ArchiveProblem(ArchiveProblemKind.TooLarge, e.Message));
            }
            catch (InvalidDataException e)
            {
                problems.Add(new ArchiveProblem(ArchiveProblemKind.Malformed, $"The archive is damaged: {e.Message}"));
            }

            return new ArchiveVerification([.. problems], null);
        }
    }

    private static ArchiveVerification Refused(ArchiveProblem problem) => new([problem], null);

    private async Task<ArchiveVerification> VerifyContentsAsync(
        ZipArchive zip, List<ArchiveProblem> problems, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(zip, problems, cancellationToken);
        if (manifest is null)
        {
            return new ArchiveVerification([.. problems], null);
        }

        var (keyOk, cipher) = await ReadKeyAsync(zip, manifest, problems, cancellationToken);
        if (!keyOk)
        {
            return new ArchiveVerification([.. problems], null);
        }

        using var keyHolder = cipher;
        var fold = new HistoryFold(registry, cipher);
        using var transcripts = new Rendering.TranscriptSpool();
        if (!await ReadEventsAsync(zip, fold, transcripts, problems, progress, cancellationToken))
        {
            return new ArchiveVerification([.. problems], null);
        }

        transcripts.Complete();
        if (fold.Unreadable > 0)
        {
            // Without the key the chain is all that can be checked: it covers the ciphertext.
            CompareManifest(manifest, fold, problems);
            problems.Add(new(ArchiveProblemKind.MissingEntry,
                $"The archive has no key.json, and {fold.Unreadable} of its {fold.Head.Version} events are encrypted: their hash chain verifies through version {fold.Head.Version} (head {fold.Head.Hash}), but their contents cannot be read, checked or restored."));
            return new ArchiveVerification([.. problems], null);
        }

        var stateHash = UserStateJson.Hash(fold.State);
        var notes = new List<string>();
        CompareManifest(manifest, fold, problems);
        await CompareSnapshotAsync(zip, fold, stateHash, problems, notes, cancellationToken);
        await CompareEntrySetAsync(zip, fold, transcripts, manifest.Producer == ArchiveWriter.Producer, problems, notes, cancellationToken);

        var state = fold.State;
        var summary = new ArchiveSummary(
            fold.UserId ?? "", state.DisplayName, fold.Head.Version, fold.Head.Hash, stateHash, fold.Counts,
            fold.FirstEventAt ?? default, fold.LastEventAt ?? default,
            [.. state.Companions.Values.Select(c => new ArchivedCompanion(c.Id, c.Name))], fold.Sessions.Count, state.Journal.Count);
        return new ArchiveVerification([.. problems], summary) { Notes = [.. notes] };
    }
}
