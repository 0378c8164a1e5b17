using Companion.Grains.Imports;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Api;

/// <summary>
/// Restores a continuity archive into an empty stream (admin). The workflow is
/// <see cref="ArchiveImporter"/>'s; this maps its outcome to HTTP and issues the user a token.
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
        HttpRequest request, ArchiveImporter importer, AccessTokens tokens, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/zip", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the archive as the body with 'Content-Type: application/zip'.");
        }

        return await importer.ImportAsync(request.Body, cancellationToken) switch
        {
            ImportOutcome.Imported imported => Created(imported, tokens),
            ImportOutcome.Invalid { TooLarge: true } invalid => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", Refused(invalid)),
            ImportOutcome.Invalid invalid => Problem(StatusCodes.Status400BadRequest, "Invalid archive", Refused(invalid)),
            ImportOutcome.Erased erased => Problem(StatusCodes.Status410Gone, "Gone",
                $"User '{erased.UserId}' was erased here at {erased.At:O}; an erased user's id is never used again. Restore the archive into another service. Nothing was written."),
            ImportOutcome.Exists exists => Problem(StatusCodes.Status409Conflict, "Conflict",
                $"User '{exists.UserId}' already has {exists.Version} events; an archive is restored only into an empty stream. Nothing was written."),
            ImportOutcome.KeyConflict conflict => Problem(StatusCodes.Status409Conflict, "Conflict",
                $"User '{conflict.UserId}' already has another data key here; an archive is restored only into an unused user id. Nothing was written."),
            ImportOutcome.TooLargeForProvider tooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"This service's event log cannot restore this history in one atomic write: {tooLarge.Reason} Nothing was written."),
            ImportOutcome.StateMismatch mismatch => Problem(StatusCodes.Status500InternalServerError, "Import incomplete",
                $"The events of '{mismatch.UserId}' were written up to version {mismatch.Version} ({mismatch.HeadHash}), but the state this service derives from them hashes to {mismatch.StateHash}, not the archive's {mismatch.ArchiveStateHash}. Do not use this user; report it."),
            var other => throw new InvalidOperationException($"Import outcome {other.GetType().Name} has no answer."),
        };
    }

    private static Created<ImportResponse> Created(ImportOutcome.Imported imported, AccessTokens tokens)
    {
        var token = tokens.IssueUserToken(imported.UserId);
        return TypedResults.Created($"/v1/users/{imported.UserId}/state",
            new ImportResponse(imported.UserId, imported.Version, imported.HeadHash, token.Token, token.ExpiresAt));
    }

    private static string Refused(ImportOutcome.Invalid invalid) =>
        "The archive was refused; nothing was written. " + string.Join(" ", invalid.Problems.Take(ProblemsShown))
        + (invalid.Problems.Length > ProblemsShown ? $" (and {invalid.Problems.Length - ProblemsShown} more problems)" : "");

    private static ProblemHttpResult Problem(int status, string title, string detail) => Problems.Result(status, detail, title);
}
