using Companion.EventLog.IO;
using Companion.Silo.Api;
using Companion.Silo.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Companion.Silo;

/// <summary>
/// Refuses bodies over <see cref="CompanionOptions.MaxRequestBodyBytes"/> with 413 before any
/// handler reads them, whether they declare a length or stream in chunks. An endpoint with a
/// <see cref="BodyLimit"/> (the archive import) has its own limit instead, and the server's
/// own limit is raised or lowered to match.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<CompanionOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.MaxRequestBodySize is { } own)
        {
            limit = own;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = own;
            }
        }

        if (context.Request.ContentLength > limit)
        {
            return Problems.Write(context, StatusCodes.Status413PayloadTooLarge, $"The body is {context.Request.ContentLength} bytes; the limit is {limit}.");
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit,
            () => new BadHttpRequestException($"The body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge),
            leaveOpen: true);
        return next(context);
    }
}
