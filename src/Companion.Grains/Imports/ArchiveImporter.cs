using Companion.Continuity;
using Companion.Continuity.Spooling;
using Companion.Continuity.Verification;
using Companion.Domain;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;
using Microsoft.Extensions.Logging;

namespace Companion.Grains.Imports;

/// <summary>
/// Restores a continuity archive into an empty stream. The archive is verified whole before
/// anything is written; then its key is adopted and its envelopes, unchanged, are appended in
/// one append, which the event log commits all or nothing; then the user's grain loads them and
/// must arrive at the archive's state hash.
/// </summary>
public sealed class ArchiveImporter(
    IEventLog log,
    StreamKeys keys,
    EventTypeRegistry registry,
    IGrainFactory grains,
    ArchiveLimits limits,
    SpoolDirectory spools,
    ILogger<ArchiveImporter> logger)
{
    /// <summary>
    /// Imports the archive that <paramref name="body"/> holds. It is spooled first (a zip is read
    /// from its end, and read twice: verify, then restore) into a private, encrypted spool file
    /// that is gone when this returns, and unreadable if the process dies before.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var archive = spools.CreateFile();
        await body.CopyToAsync(archive, cancellationToken);
        archive.Position = 0;
        return await ImportSpooledAsync(archive, cancellationToken);
    }

    private async Task<ImportOutcome> ImportSpooledAsync(Stream archive, CancellationToken cancellationToken)
    {
        var verification = await new ArchiveVerifier(registry, limits, spools).VerifyAsync(archive, cancellationToken: cancellationToken);
        if (!verification.IsValid || verification.Summary is not { } summary)
        {
            return new ImportOutcome.Invalid([.. verification.Problems.Select(p => p.Message)], verification.IsTooLarge);
        }

        var userId = summary.UserId;
        if (!UserIds.IsValid(userId))
        {
            return new ImportOutcome.Invalid([$"The archive's user id '{userId}' is not a user id this service uses."], TooLarge: false);
        }

        if (await keys.GetEntryAsync(userId, cancellationToken) is { ErasedAt: { } erasedAt })
        {
            return new ImportOutcome.Erased(userId, erasedAt);
        }

        var head = await log.GetHeadAsync(userId, cancellationToken);
        if (head.Version != 0)
        {
            return new ImportOutcome.Exists(userId, head.Version);
        }

        // The archive's key (when its payloads are encrypted) is stored first, under this
        // service's master key: the events are kept exactly as archived, hashes and all.
        archive.Position = 0;
        if (await ArchiveReader.ReadKeyAsync(archive, limits, cancellationToken) is { } key
            && !await keys.AdoptAsync(userId, key.Key, CancellationToken.None))
        {
            return new ImportOutcome.KeyConflict(userId);
        }

        archive.Position = 0;
        var envelopes = await ArchiveReader.ReadEventsAsync(archive, limits, cancellationToken).ToListAsync(cancellationToken);
        try
        {
            // One append: the whole history commits in one transaction or not at all. Not
            // cancellable once started, so a caller that hangs up cannot leave it undecided.
            await log.AppendAsync(userId, 0, envelopes, CancellationToken.None);
        }
        catch (EventLogConflictException conflict)
        {
            return new ImportOutcome.Exists(userId, conflict.ActualVersion);
        }
        catch (ArgumentException refused)
        {
            // The provider cannot take the whole history in one atomic append (Azure Blob: one
            // append block); splitting it would give up all-or-nothing, so refuse it instead.
            return new ImportOutcome.TooLargeForProvider(userId, refused.Message);
        }

        // The grain may have loaded the (then empty) stream before: it reads it again.
        var grain = grains.GetUserGrain(userId);
        await grain.Reload();
        var stateHash = UserStateJson.Hash(await grain.GetState());
        if (stateHash != summary.StateHash)
        {
            logger.LogError("Imported user {UserId} up to version {Version}, but its state hashes to {StateHash}, not the archive's {ArchiveStateHash}",
                userId, summary.Version, stateHash, summary.StateHash);
            return new ImportOutcome.StateMismatch(userId, summary.Version, summary.HeadHash, stateHash, summary.StateHash);
        }

        return new ImportOutcome.Imported(userId, summary.Version, summary.HeadHash);
    }
}
