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
            return Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The body is {context.Request.ContentLength} bytes; the limit is {limit}.");
        }

        context.Request.Body = new LengthLimitedStream(context.Request.Body, limit);
        return next(context);
    }

    private sealed class LengthLimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException($"The body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
