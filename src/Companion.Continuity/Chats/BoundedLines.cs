using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Companion.Continuity.Chats;

/// <summary>
/// Reads a stream line by line ('\n', a preceding '\r' dropped) without holding more than one line,
/// refusing a file or a line over its bound, and hashing every byte read (<see cref="Hash"/>).
/// </summary>
internal sealed class BoundedLines(Stream stream, long maxBytes, int maxLineBytes) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _total;

    /// <summary>The SHA-256 of everything read so far, with <paramref name="salt"/> appended; read it once, at the end.</summary>
    public byte[] Hash(ReadOnlySpan<byte> salt)
    {
        _hash.AppendData(salt);
        return _hash.GetHashAndReset();
    }

    /// <summary>Every line with its 1-based number.</summary>
    public async IAsyncEnumerable<(long Number, byte[] Bytes)> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        long number = 1;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            _total += read;
            if (_total > maxBytes)
            {
                throw new ChatFormatException($"The file is larger than the limit of {maxBytes} bytes; split it and import each part. Nothing was written.", tooLarge: true);
            }

            _hash.AppendData(buffer, 0, read);
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                Append(line, buffer, start, i - start, number);
                yield return (number++, Line(line));
                line.SetLength(0);
                start = i + 1;
            }

            Append(line, buffer, start, read - start, number);
        }

        if (line.Length > 0)
        {
            yield return (number, Line(line));
        }
    }

    public void Dispose() => _hash.Dispose();

    private void Append(MemoryStream line, byte[] buffer, int start, int count, long number)
    {
        if (line.Length + count > maxLineBytes)
        {
            throw new ChatFormatException($"Line {number} is longer than the limit of {maxLineBytes} bytes. Nothing was written.", tooLarge: true);
        }

        line.Write(buffer, start, count);
    }

    private static byte[] Line(MemoryStream line)
    {
        var bytes = line.ToArray();
        return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
    }
}
