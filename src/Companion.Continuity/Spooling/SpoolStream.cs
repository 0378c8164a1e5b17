using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Companion.Continuity.Spooling;

/// <summary>
/// A seekable file stream whose bytes on disk are AES-256-CTR ciphertext under a key that exists
/// only in this process's memory: a spool left behind by a crash (kill -9, power loss) is noise
/// to whoever finds it, and stays noise after the user it held is erased. Confidentiality only:
/// the file is private to this process's user, who could change it in memory anyway.
/// </summary>
internal sealed class SpoolStream : Stream
{
    private const int Block = 16;
    private readonly FileStream _file;
    private readonly Aes _aes;
    private readonly ulong _nonce;

    /// <param name="file">The file, owned (disposed) by this stream.</param>
    /// <param name="key">The spool's key (32 bytes); the stream keeps its own copy, zeroed when disposed.</param>
    /// <param name="nonce">Unique per file under one key.</param>
    public SpoolStream(FileStream file, ReadOnlySpan<byte> key, ulong nonce)
    {
        _file = file;
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _nonce = nonce;
    }

    public override bool CanRead => _file.CanRead;

    public override bool CanSeek => _file.CanSeek;

    public override bool CanWrite => _file.CanWrite;

    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var position = _file.Position;
        var read = _file.Read(buffer);
        Xor(position, buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var position = _file.Position;
        var read = await _file.ReadAsync(buffer, cancellationToken);
        Xor(position, buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var sealedBytes = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(sealedBytes);
            Xor(_file.Position, sealedBytes.AsSpan(0, buffer.Length));
            _file.Write(sealedBytes, 0, buffer.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBytes, clearArray: true);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var sealedBytes = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.Span.CopyTo(sealedBytes);
            Xor(_file.Position, sealedBytes.AsSpan(0, buffer.Length));
            await _file.WriteAsync(sealedBytes.AsMemory(0, buffer.Length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBytes, clearArray: true);
        }
    }

    public override void Flush() => _file.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _file.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value) => _file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _aes.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _aes.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>XORs <paramref name="data"/>, which sits at <paramref name="position"/> in the file, with the key stream there.</summary>
    private void Xor(long position, Span<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var first = position / Block;
        var skip = (int)(position % Block);
        var blocks = (skip + data.Length + Block - 1) / Block;
        var counters = ArrayPool<byte>.Shared.Rent(blocks * Block);
        var stream = ArrayPool<byte>.Shared.Rent(blocks * Block);
        try
        {
            for (var b = 0; b < blocks; b++)
            {
                var counter = counters.AsSpan(b * Block, Block);
                BinaryPrimitives.WriteUInt64BigEndian(counter, _nonce);
                BinaryPrimitives.WriteUInt64BigEndian(counter[8..], (ulong)(first + b));
            }

            _aes.EncryptEcb(counters.AsSpan(0, blocks * Block), stream.AsSpan(0, blocks * Block), PaddingMode.None);
            var keyStream = stream.AsSpan(skip, data.Length);
            var i = 0;
            for (; i <= data.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (new Vector<byte>(data[i..]) ^ new Vector<byte>(keyStream[i..])).CopyTo(data[i..]);
            }

            for (; i < data.Length; i++)
            {
                data[i] ^= keyStream[i];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(counters);
            ArrayPool<byte>.Shared.Return(stream, clearArray: true);
        }
    }
}
