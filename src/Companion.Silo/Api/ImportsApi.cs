using Companion.Continuity;
using Companion.Continuity.Verification;
using Companion.Domain;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Api;

/// <summary>
/// Restores a continuity archive into an empty stream (admin). The archive is verified whole
/// before anything is written; then its envelopes, unchanged, are appended in one append,
/// which the event log commits all or nothing; then the user's grain loads them and must
/// arrive at the archive's state hash.
/// </summary>
public static class ImportsApi
{
    private const int ProblemsShown = 10;

    public sealed record ImportResponse(string UserId, long Version, string HeadHash, string Token, DateTimeOffset TokenExpiresAt);

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder v1)
    {
        var options = ((IEndpointRouteBuilder)v1).ServiceProvider.GetRequiredService<IOptions<ContinuityOptions>>().Value;
        v1.MapPost("/imports", Import)
            .RequireAuthorization(Policies.Admin)
            .WithBodyLimit(options.MaxImportBytes)
            .AcceptsBinary("application/zip", "A continuity archive (companion-continuity v1), as exported.")
            .WithName("importArchive")
            .WithSummary("Restore a continuity archive (application/zip) into an empty stream; 201 {userId, version, headHash, token} (admin).")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);
        return v1;
    }

    private static async Task<Results<Created<ImportResponse>, ProblemHttpResult>> Import(
        HttpRequest request, IEventLog log, StreamKeys keys, EventTypeRegistry registry, IGrainFactory grains, AccessTokens tokens,
        IOptions<ContinuityOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/zip", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the archive as the body with 'Content-Type: application/zip'.");
        }

        var limits = options.Value.Limits;
        await using var archive = await SpoolAsync(request.Body, cancellationToken);
        var verification = await new ArchiveVerifier(registry, limits).VerifyAsync(archive, cancellationToken: cancellationToken);
        if (!verification.IsValid || verification.Summary is not { } summary)
        {
            var detail = "The archive was refused; nothing was written. " + string.Join(" ", verification.Problems.Take(ProblemsShown).Select(p => p.Message))
                + (verification.Problems.Length > ProblemsShown ? $" (and {verification.Problems.Length - ProblemsShown} more problems)" : "");
            return verification.IsTooLarge
                ? Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail)
                : Problem(StatusCodes.Status400BadRequest, "Invalid archive", detail);
        }

        var userId = summary.UserId;
        if (!UserIds.IsValid(userId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid archive", $"The archive's user id '{userId}' is not a user id this service uses; nothing was written.");
        }

        if (await keys.GetEntryAsync(userId, cancellationToken) is { ErasedAt: { } erasedAt })
        {
            return Problem(StatusCodes.Status410Gone, "Gone",
                $"User '{userId}' was erased here at {erasedAt:O}; an erased user's id is never used again. Restore the archive into another service. Nothing was written.");
        }

        var head = await log.GetHeadAsync(userId, cancellationToken);
        if (head.Version != 0)
        {
            return Exists(userId, head.Version);
        }

        // The archive's key (when its payloads are encrypted) is stored first, under this
        // service's master key: the events are kept exactly as archived, hashes and all.
        archive.Position = 0;
        if (await ArchiveReader.ReadKeyAsync(archive, limits, cancellationToken) is { } key
            && !await keys.AdoptAsync(userId, key.Key, CancellationToken.None))
        {
            return Problem(StatusCodes.Status409Conflict, "Conflict",
                $"User '{userId}' already has another data key here; an archive is restored only into an unused user id. Nothing was written.");
        }

        archive.Position = 0;
        var envelopes = await ArchiveReader.ReadEventsAsync(archive, limits, cancellationToken).ToListAsync(cancellationToken);
        try
        {
            // One append: the whole history commits in one transaction or not at all. Not
            // cancellable once started, so a client that hangs up cannot leave it unanswered.
            await log.AppendAsync(userId, 0, envelopes, CancellationToken.None);
        }
        catch (EventLogConflictException conflict)
        {
            return Exists(userId, conflict.ActualVersion);
        }
        catch (ArgumentException refused)
        {
            // The provider cannot take the whole history in one atomic append (Azure Blob: one
            // append block); splitting it would give up all-or-nothing, so refuse it instead.
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"This service's event log cannot restore this history in one atomic write: {refused.Message} Nothing was written.");
        }

        var grain = grains.GetGrain<IUserGrain>(userId);
        await grain.Reload();
        var stateHash = UserStateJson.Hash(await grain.GetState());
        if (stateHash != summary.StateHash)
        {
            loggers.CreateLogger(typeof(ImportsApi)).LogError("Imported user {UserId} up to version {Version}, but its state hashes to {StateHash}, not the archive's {ArchiveStateHash}",
                userId, summary.Version, stateHash, summary.StateHash);
            return Problem(StatusCodes.Status500InternalServerError, "Import incomplete",
                $"The events of '{userId}' were written up to version {summary.Version} ({summary.HeadHash}), but the state this service derives from them hashes to {stateHash}, not the archive's {summary.StateHash}. Do not use this user; report it.");
        }

        var token = tokens.IssueUserToken(userId);
        return TypedResults.Created($"/v1/users/{userId}/state",
            new ImportResponse(userId, summary.Version, summary.HeadHash, token.Token, token.ExpiresAt));
    }

    /// <summary>The body into a temporary file: a zip is read from its end, and is read twice (verify, then restore).</summary>
    private static async Task<FileStream> SpoolAsync(Stream body, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"companion-import-{Guid.NewGuid():N}.zip"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await body.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static ProblemHttpResult Exists(string userId, long version) =>
        Problem(StatusCodes.Status409Conflict, "Conflict",
            $"User '{userId}' already has {version} events; an archive is restored only into an empty stream. Nothing was written.");

    private static ProblemHttpResult Problem(int status, string title, string detail) => Problems.Result(status, detail, title);
}
