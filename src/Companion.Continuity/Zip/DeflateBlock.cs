using System.IO.Compression;
using System.Security.Cryptography;

namespace Companion.Continuity.Zip;

/// <summary>
/// One block of an entry's bytes and its deflated form. A block that is not the entry's last
/// ends with a sync flush (an empty stored block, so its output stops on a byte boundary and
/// announces no end), which lets blocks deflated independently, on any thread, be concatenated
/// in order into one valid deflate stream, as pigz does. Each block starts with an empty window,
/// which costs a little ratio at the start of each block: why the blocks are large.
/// </summary>
internal sealed class DeflateBlock(int capacity)
{
    private readonly MemoryStream _output = new(capacity / 2);

    /// <summary>The bytes to deflate; <see cref="Length"/> of them are filled.</summary>
    public byte[] Input { get; } = new byte[capacity];

    public int Length { get; set; }

    public int Free => Input.Length - Length;

    /// <summary>The deflated bytes, after <see cref="Deflate"/>.</summary>
    public ReadOnlyMemory<byte> Output => _output.GetBuffer().AsMemory(0, (int)_output.Length);

    /// <summary>Deflates <see cref="Input"/>; the last block of an entry ends the deflate stream, any other ends with a sync flush.</summary>
    public void Deflate(int level, bool last)
    {
        _output.SetLength(0);
        if (last && Length == 0)
        {
            // DeflateStream writes nothing at all for no input, which Info-ZIP refuses as a
            // deflated entry; this is what zlib ends an empty stream with: a final, empty block
            // of fixed Huffman codes.
            _output.Write([0x03, 0x00]);
            return;
        }

        var deflate = new DeflateStream(_output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
        try
        {
            deflate.Write(Input, 0, Length);
            if (!last)
            {
                // DeflateStream.Flush is zlib's Z_SYNC_FLUSH; what Dispose adds after it (the final
                // empty block) is cut off below, since more blocks follow.
                deflate.Flush();
            }
        }
        finally
        {
            var flushed = _output.Length;
            deflate.Dispose();
            if (!last)
            {
                _output.SetLength(flushed);
            }
        }
    }

    /// <summary>Empties the block for reuse.</summary>
    public void Clear() => Length = 0;

    /// <summary>Wipes what the block held (the user's words), when the archive is done.</summary>
    public void Wipe()
    {
        CryptographicOperations.ZeroMemory(Input);
        CryptographicOperations.ZeroMemory(_output.GetBuffer());
        Length = 0;
        _output.SetLength(0);
    }
}
