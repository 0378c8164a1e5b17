using System.Buffers.Binary;
using System.Text;

namespace Companion.Continuity.Tests;

/// <summary>
/// Edits the headers of a zip in place, as a forger would: the sizes and checksums an entry
/// claims, in both its local header and the central directory, leaving its data as it is.
/// </summary>
internal static class ZipSurgery
{
    private const uint CentralHeader = 0x02014b50;
    private const uint EndOfCentralDirectory = 0x06054b50;

    /// <summary>A copy of <paramref name="zip"/> whose entry <paramref name="name"/> claims <paramref name="crc"/> and <paramref name="length"/> (null keeps what it says).</summary>
    public static byte[] Claim(byte[] zip, string name, uint? crc = null, uint? length = null)
    {
        var bytes = zip.ToArray();
        var span = bytes.AsSpan();
        var end = span.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(span[end..]) != EndOfCentralDirectory)
        {
            end--;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        for (var i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(span[at..]) != CentralHeader)
            {
                throw new InvalidOperationException("Not a central directory header.");
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 30)..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 32)..]);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 42)..]);
            if (Encoding.UTF8.GetString(span.Slice(at + 46, nameLength)) == name)
            {
                if (crc is { } c)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 16)..], c);
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 14)..], c);
                }

                if (length is { } l)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], l);
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 22)..], l);
                }

                return bytes;
            }

            at += 46 + nameLength + extraLength + commentLength;
        }

        throw new InvalidOperationException($"No entry '{name}'.");
    }

    /// <summary>The CRC-32 and expanded size <paramref name="name"/> claims in the central directory.</summary>
    public static (uint Crc, uint Length) Claimed(byte[] zip, string name)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var entry = archive.GetEntry(name) ?? throw new InvalidOperationException($"No entry '{name}'.");
        return (entry.Crc32, (uint)entry.Length);
    }
}
