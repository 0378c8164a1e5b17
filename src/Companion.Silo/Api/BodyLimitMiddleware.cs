using Companion.EventLog.IO;
using Companion.Silo.Api;
using Companion.Silo.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Companion.Silo;

/// <summary>
/// Refuses bodies over <see cref="CompanionOptions.MaxRequestBodyBytes"/> with 413 before any
/// handler reads them, whether they declare a length or stream in chunks. An endpoint with a
/// <see cref="BodyLimit"/> (the archive import) has its own limit instead, and the server's
/// own limit is raised or lowered to match. A body that declares its length (and is not chunked)
/// is read as it is: the server never hands on more than the declared length, which was checked
/// here, so only bodies of unknown length are read through a counting stream (and a request the
/// server knows has no body, through none).
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

        if ((context.Request.ContentLength is not null && StringValues.IsNullOrEmpty(context.Request.Headers.TransferEncoding))
            || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return next(context);
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit,
            () => new BadHttpRequestException($"The body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge),
            leaveOpen: true);
        return next(context);
    }
}
