using System.Reflection;
using Companion.Continuity;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Companion.Silo.Api;

/// <summary>The continuity archive of a user: the whole history as a zip, written from the event log in one read.</summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder user)
    {
        user.MapGet("/export", Export)
            .WithMetadata(RateLimits.ExportEndpoint)
            .WithName("exportUser")
            .WithSummary("The continuity archive (companion-continuity v1): events with hashes (payloads encrypted as stored), the user's key, snapshot, persona cards, journal, memories and transcripts.");
        return user;
    }

    private static async Task<Results<ArchiveResult, ProblemHttpResult>> Export(string userId, ArchiveExporter exporter, CancellationToken cancellationToken)
    {
        var export = await exporter.PrepareAsync(userId, cancellationToken);
        return export is null
            ? Problems.Result(StatusCodes.Status404NotFound, "No such user.")
            : new ArchiveResult(export);
    }

    /// <summary>
    /// Sends the archive <see cref="ArchiveExporter"/> wrote and checked into its encrypted spool
    /// file, with its length, so a client can show how much of it has arrived; nothing is held in
    /// memory whole. The user's key goes into the archive with the events as stored, so it
    /// restores anywhere to the same hashes.
    /// </summary>
    public sealed class ArchiveResult(ArchiveExport export) : IResult, IEndpointMetadataProvider
    {
        /// <summary>Declares the zip for the OpenAPI document.</summary>
        public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new BinaryResponse(StatusCodes.Status200OK, "application/zip", "The archive, named companion-<userId>-v<version>.zip."));

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/zip";
            response.ContentLength = export.Length;
            response.Headers.ContentDisposition = $"attachment; filename=companion-{export.Stream}-v{export.Head.Version}.zip";
            using (export)
            {
                await export.WriteAsync(response.Body, httpContext.RequestAborted);
            }
        }
    }
}
