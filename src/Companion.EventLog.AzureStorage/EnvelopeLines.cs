using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Companion.EventLog.AzureStorage;

/// <summary>Segments hold one <see cref="EnvelopeJson.Write(System.Text.Json.Utf8JsonWriter, EventEnvelope)"/> line per envelope, each ending in '\n'.</summary>
internal static class EnvelopeLines
{
    private const byte NewLine = (byte)'\n';

    /// <summary>The lines of a batch, as one buffer: the bytes of one append block.</summary>
    public static byte[] Write(IReadOnlyList<EventEnvelope> envelopes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var envelope in envelopes)
        {
            // Inside JSON strings a line break is always escaped, so a raw one is whitespace between
            // tokens. Written verbatim (the hash covers the payload's bytes) it would split the line.
            if (envelope.Payload.Span.Contains(NewLine))
            {
                throw new ArgumentException(
                    $"The payload of version {envelope.Version} contains a line break; the Azure Blob event log stores one envelope per line, so payloads must be compact JSON.",
                    nameof(envelopes));
            }

            using (var writer = new Utf8JsonWriter(buffer))
            {
                EnvelopeJson.Write(writer, envelope);
            }

            buffer.Write([NewLine]);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the envelopes of a segment's contents, one per line.</summary>
    public static async IAsyncEnumerable<EventEnvelope> ReadAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                if (filled > 0)
                {
                    throw new FormatException("A segment ends with an incomplete line.");
                }

                yield break;
            }

            filled += read;
            var start = 0;
            int end;
            while ((end = Array.IndexOf(buffer, NewLine, start, filled - start)) >= 0)
            {
                yield return EnvelopeJson.Parse(buffer.AsMemory(start, end - start).ToArray());
                start = end + 1;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
        }
    }

    /// <summary>
    /// The last complete line in <paramref name="tail"/>, the final bytes of a segment, which end
    /// in '\n'. Null when the tail does not reach back to the line's start (read more).
    /// </summary>
    public static EventEnvelope? LastLine(ReadOnlySpan<byte> tail, bool tailIsWholeSegment)
    {
        if (tail.Length == 0 || tail[^1] != NewLine)
        {
            throw new FormatException("A segment does not end with a complete line.");
        }

        var body = tail[..^1];
        var previousEnd = body.LastIndexOf(NewLine);
        if (previousEnd < 0 && !tailIsWholeSegment)
        {
            return null;
        }

        return EnvelopeJson.Parse(body[(previousEnd + 1)..].ToArray());
    }

    /// <summary>
    /// Where the complete lines of <paramref name="window"/> (a range of a segment) start, and
    /// their versions: from its first byte when <paramref name="startsALine"/>, else from the byte
    /// after its first '\n'. A line the window cuts off at its end is not included.
    /// </summary>
    public static List<(int Start, long Version)> CompleteLines(ReadOnlySpan<byte> window, bool startsALine, int maxLines = int.MaxValue)
    {
        var lines = new List<(int Start, long Version)>();
        var start = 0;
        if (!startsALine)
        {
            var firstEnd = window.IndexOf(NewLine);
            if (firstEnd < 0)
            {
                return lines;
            }

            start = firstEnd + 1;
        }

        while (lines.Count < maxLines && start < window.Length)
        {
            var length = window[start..].IndexOf(NewLine);
            if (length < 0)
            {
                break;
            }

            lines.Add((start, EnvelopeJson.Parse(window.Slice(start, length).ToArray()).Version));
            start += length + 1;
        }

        return lines;
    }
}
