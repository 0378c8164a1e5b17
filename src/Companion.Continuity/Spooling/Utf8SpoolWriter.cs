using System.Buffers;
using System.Text;

namespace Companion.Continuity.Spooling;

/// <summary>
/// Writes text as UTF-8 into a spool stream through one pooled buffer, taking bytes already
/// encoded as they are: what the transcript spool writes per message (Markdown rendered into a
/// reused builder, SillyTavern lines rendered as UTF-8), with no string of its own in between and
/// one encryption per buffer rather than per line. Invalid UTF-16 is written as U+FFFD, as a
/// <see cref="StreamWriter"/> with <see cref="UTF8Encoding"/> does.
/// </summary>
internal sealed class Utf8SpoolWriter(Stream stream, int capacity) : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    public void Write(string text) => Write(text.AsSpan());

    public void Write(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            Write(chunk.Span);
        }
    }

    public void Write(ReadOnlySpan<char> text)
    {
        var buffer = Buffer();
        if (Utf8.GetMaxByteCount(text.Length) > buffer.Length - _length)
        {
            Flush();
            if (Utf8.GetMaxByteCount(text.Length) > buffer.Length)
            {
                WriteThrough(text);
                return;
            }
        }

        _length += Utf8.GetBytes(text, buffer.AsSpan(_length));
    }

    public void Write(ReadOnlySpan<byte> utf8)
    {
        var buffer = Buffer();
        if (utf8.Length > buffer.Length - _length)
        {
            Flush();
            if (utf8.Length > buffer.Length)
            {
                stream.Write(utf8);
                return;
            }
        }

        utf8.CopyTo(buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    /// <summary>Writes what is buffered, then closes the stream and wipes the buffer (it held the user's words).</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            try
            {
                Flush();
            }
            finally
            {
                _buffer = null;
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                stream.Dispose();
            }
        }
    }

    private byte[] Buffer() => _buffer ?? throw new ObjectDisposedException(nameof(Utf8SpoolWriter));

    private void Flush()
    {
        if (_length > 0)
        {
            stream.Write(Buffer(), 0, _length);
            _length = 0;
        }
    }

    private void WriteThrough(ReadOnlySpan<char> text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(text.Length));
        try
        {
            stream.Write(bytes, 0, Utf8.GetBytes(text, bytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true);
        }
    }
}
