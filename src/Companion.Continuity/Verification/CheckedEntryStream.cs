using System.IO.Compression;
using System.IO.Hashing;

namespace Companion.Continuity.Verification;

/// <summary>
/// Reads an entry and holds it to what the zip's directory declares about it: never more bytes
/// than its declared size, and, at its end, exactly that size and that CRC-32. A zip whose
/// headers lie is refused naming the entry, not read as far as the lie goes.
/// </summary>
/// <param name="inner">The entry's expanded bytes.</param>
/// <param name="entry">The entry, for its name, size and CRC-32.</param>
/// <param name="completed">Called once the entry was read to its end and found whole.</param>
internal sealed class CheckedEntryStream(Stream inner, ZipArchiveEntry entry, Action completed) : Stream
{
    private readonly Crc32 _crc = new();
    private bool _ended;

    /// <summary>How many bytes were read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => entry.Length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Checked(buffer.AsSpan(offset, Bound(count)), inner.Read(buffer, offset, Bound(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var slice = buffer[..Bound(buffer.Length)];
        var read = await inner.ReadAsync(slice, cancellationToken);
        return Checked(slice.Span, read);
    }

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

    /// <summary>Asks for at most one byte past the declared size: enough to see a lie, never more.</summary>
    private int Bound(int count) => (int)Math.Min(count, Math.Max(0, entry.Length - BytesRead) + 1);

    private int Checked(Span<byte> buffer, int read)
    {
        BytesRead += read;
        if (BytesRead > entry.Length)
        {
            throw new ArchiveIntegrityException($"Entry '{entry.FullName}' expands to more than the {entry.Length} bytes it declares; it is damaged or forged.");
        }

        _crc.Append(buffer[..read]);
        if (read == 0 && buffer.Length > 0 && !_ended)
        {
            _ended = true;
            End();
        }

        return read;
    }

    private void End()
    {
        if (BytesRead != entry.Length)
        {
            throw new ArchiveIntegrityException($"Entry '{entry.FullName}' holds {BytesRead} bytes but declares {entry.Length}; it is damaged or forged.");
        }

        var actual = _crc.GetCurrentHashAsUInt32();
        if (actual != entry.Crc32)
        {
            throw new ArchiveIntegrityException($"Entry '{entry.FullName}' fails its CRC-32 check (declares {entry.Crc32:x8}, holds {actual:x8}); it is damaged or was altered.");
        }

        completed();
    }
}

/// <summary>An entry that is not what the zip's directory says it is.</summary>
internal sealed class ArchiveIntegrityException(string message) : Exception(message);
