using Companion.Continuity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>The continuity archive of a user: the whole history as a zip, streamed from the event log.</summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder user)
    {
        user.MapGet("/export", Export)
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("The continuity archive (companion-continuity v1): events with hashes (payloads encrypted as stored), the user's key, snapshot, persona cards, journal, memories and transcripts.");
        return user;
    }

    private static async Task<Results<ArchiveResult, ProblemHttpResult>> Export(string userId, ArchiveExporter exporter, CancellationToken cancellationToken)
    {
        var export = await exporter.PrepareAsync(userId, cancellationToken);
        return export is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such user.")
            : new ArchiveResult(export);
    }

    /// <summary>
    /// Writes the checked archive straight into the response while the events are read: nothing
    /// is buffered whole. The user's key goes into the archive with the events as stored, so it
    /// restores anywhere to the same hashes.
    /// </summary>
    public sealed class ArchiveResult(ArchiveExport export) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = $"attachment; filename=companion-{export.Stream}-v{export.Head.Version}.zip";
            using (export)
            {
                await export.WriteAsync(response.Body, httpContext.RequestAborted);
            }
        }
    }
}
