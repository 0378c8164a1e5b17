using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using Companion.Domain;
using Companion.EventLog;

namespace Companion.Continuity.Verification;

/// <summary>
/// Checks a <c>companion-continuity</c> archive without trusting any of it: the entry names and
/// sizes first (nothing is decompressed before they pass), then every line of <c>events.jsonl</c>
/// (parses, versions gap-free from 1, every hash recomputes, every event type known and readable,
/// every event applies), then the manifest, the snapshot and the human-readable files against
/// what the events say. Bad archives are answered with a list of problems, never an exception.
/// </summary>
/// <param name="registry">The event types this software reads (with upcasters for older versions).</param>
/// <param name="limits">Bounds on size, entries and time; <see cref="ArchiveLimits.Default"/> when null.</param>
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
    /// Gives up, with a <see cref="ArchiveProblemKind.TooLarge"/> problem, after <see cref="ArchiveLimits.MaxDuration"/>.
    /// </summary>
    public async Task<ArchiveVerification> VerifyAsync(Stream archive, IProgress<ArchiveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_limits.MaxDuration);
        try
        {
            return await VerifyWithinAsync(archive, progress, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refused(new ArchiveProblem(ArchiveProblemKind.TooLarge,
                $"Verifying the archive took longer than {_limits.MaxDuration}; it was given up unfinished. Raise the limit to verify an archive this large."));
        }
    }

    private async Task<ArchiveVerification> VerifyWithinAsync(Stream archive, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        if (!archive.CanSeek)
        {
            await using var spooled = await TemporaryFile.CopyAsync(archive, _limits.MaxTotalBytes, cancellationToken);
            return spooled is null
                ? Refused(new ArchiveProblem(ArchiveProblemKind.TooLarge, $"The archive is larger than {_limits.MaxTotalBytes} bytes."))
                : await VerifyWithinAsync(spooled, progress, cancellationToken);
        }

        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return Refused(NotAZip(e));
        }

        await using (zip)
        {
            var problems = new List<ArchiveProblem>();
            try
            {
                // The directory is read lazily: a zip with bytes in front fails here, not at CreateAsync.
                CheckEntries(zip, problems);
            }
            catch (InvalidDataException e)
            {
                return Refused(NotAZip(e));
            }

            if (problems.Count > 0)
            {
                return new ArchiveVerification([.. problems], null);
            }

            try
            {
                return await VerifyContentsAsync(new CheckedZip(zip), problems, progress, cancellationToken);
            }
            catch (ArchiveIntegrityException e)
            {
                problems.Add(new ArchiveProblem(ArchiveProblemKind.Malformed, e.Message));
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
            {
                problems.Add(new ArchiveProblem(ArchiveProblemKind.Malformed, $"The archive is damaged: {e.Message}"));
            }

            return new ArchiveVerification([.. problems], null);
        }
    }

    private static ArchiveProblem NotAZip(InvalidDataException e) =>
        new(ArchiveProblemKind.NotAnArchive,
            $"This is not a zip archive as this service writes them (a zip that starts at its first byte, with nothing before or after it): {e.Message}");

    private static ArchiveVerification Refused(ArchiveProblem problem) => new([problem], null);

    private async Task<ArchiveVerification> VerifyContentsAsync(
        CheckedZip zip, List<ArchiveProblem> problems, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
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
        if (!UserIds.IsValid(fold.UserId))
        {
            // Checked whole: "u_robin0001\n" would otherwise pass for a new user beside u_robin0001.
            problems.Add(new(ArchiveProblemKind.Malformed,
                $"events.jsonl: the stream {JsonSerializer.Serialize(fold.UserId)} is not a user id this service makes (a short lowercase prefix, '_', then 8 to 40 lowercase letters or digits, and nothing else)."));
        }

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
        await zip.CheckTheRestAsync(cancellationToken);

        var state = fold.State;
        var summary = new ArchiveSummary(
            fold.UserId ?? "", state.DisplayName, fold.Head.Version, fold.Head.Hash, stateHash, fold.Counts,
            fold.FirstEventAt ?? default, fold.LastEventAt ?? default,
            [.. state.Companions.Values.Select(c => new ArchivedCompanion(c.Id, c.Name))], fold.Sessions.Count, state.Journal.Count);
        return new ArchiveVerification([.. problems], summary) { Notes = [.. notes] };
    }
}
