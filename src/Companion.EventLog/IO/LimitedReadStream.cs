namespace Companion.EventLog.IO;

/// <summary>
/// Reads from another stream but never more than a limit: the read that would pass it throws the
/// exception <paramref name="whenExceeded"/> makes, so a body or an archive entry that lies about
/// its size still cannot grow without end.
/// </summary>
/// <param name="inner">The stream read from.</param>
/// <param name="limit">The most bytes that may be read.</param>
/// <param name="whenExceeded">The exception to throw once more than <paramref name="limit"/> bytes were read.</param>
/// <param name="leaveOpen">True to leave <paramref name="inner"/> open when this stream is disposed.</param>
public sealed class LimitedReadStream(Stream inner, long limit, Func<Exception> whenExceeded, bool leaveOpen = false) : Stream
{
    /// <summary>How many bytes were read so far.</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        BytesRead += read;
        return BytesRead > limit ? throw whenExceeded() : read;
    }
}
