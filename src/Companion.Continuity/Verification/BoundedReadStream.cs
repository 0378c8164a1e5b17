namespace Companion.Continuity.Verification;

/// <summary>
/// Reads an entry but never more than a limit (its declared size, capped by the configured
/// maximum), so an entry whose header lies about its size still cannot expand without end.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, string entryName, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        BytesRead += read;
        return BytesRead > limit
            ? throw new ArchiveLimitException($"{entryName} expands beyond {limit} bytes, more than it declared or the limit allows.")
            : read;
    }
}

/// <summary>An entry read past its bound.</summary>
internal sealed class ArchiveLimitException(string message) : Exception(message);
