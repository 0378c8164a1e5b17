using System.Buffers;
using System.Buffers.Binary;

namespace Companion.Continuity.Zip;

/// <summary>
/// The records of a ZIP file (PKWARE APPNOTE 6.3) that <see cref="ZipStreamWriter"/> writes:
/// local headers announcing a data descriptor (the sizes and CRC-32 follow the data, so the
/// destination need not seek), the descriptors, the central directory, and the end records,
/// with ZIP64 fields only where a size, an offset or the entry count does not fit 32 (16) bits.
/// </summary>
internal static class ZipHeaders
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint DataDescriptorSignature = 0x08074b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint EndSignature = 0x06054b50;
    private const ushort Deflated = 8;
    private const ushort DataDescriptorFlag = 0x0008;
    private const ushort Utf8NameFlag = 0x0800;
    private const ushort Version20 = 20;
    private const ushort Version45 = 45;

    // Made by Unix (3), so the external attributes below are read as a mode: a regular file, rw-r--r--.
    private const ushort MadeByUnix = 3 << 8;
    private const uint RegularFileRwRR = 0x81A4u << 16;

    /// <summary>The local header of an entry whose sizes and CRC-32 follow its data.</summary>
    public static void WriteLocalHeader(IBufferWriter<byte> output, ZipEntryName name, ZipDosTime time)
    {
        var span = output.GetSpan(30 + name.Bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version20);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], Flags(name));
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Deflated);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], time.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], time.Date);
        span.Slice(14, 12).Clear(); // CRC-32 and sizes: in the data descriptor.
        BinaryPrimitives.WriteUInt16LittleEndian(span[26..], (ushort)name.Bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], 0);
        name.Bytes.CopyTo(span[30..]);
        output.Advance(30 + name.Bytes.Length);
    }

    /// <summary>
    /// The data descriptor after an entry's data: 32-bit sizes when both fit, else 64-bit ones
    /// (as System.IO.Compression writes for a destination that cannot seek).
    /// </summary>
    public static void WriteDataDescriptor(IBufferWriter<byte> output, ZipEntryRecord entry)
    {
        var wide = entry.CompressedSize >= uint.MaxValue || entry.UncompressedSize >= uint.MaxValue;
        var length = wide ? 24 : 16;
        var span = output.GetSpan(length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, DataDescriptorSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], entry.Crc32);
        if (wide)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)entry.CompressedSize);
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], (ulong)entry.UncompressedSize);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)entry.CompressedSize);
            BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)entry.UncompressedSize);
        }

        output.Advance(length);
    }

    /// <summary>An entry's record in the central directory, with a ZIP64 extra field holding whatever does not fit 32 bits.</summary>
    public static void WriteCentralHeader(IBufferWriter<byte> output, ZipEntryRecord entry)
    {
        var bigUncompressed = entry.UncompressedSize >= uint.MaxValue;
        var bigCompressed = entry.CompressedSize >= uint.MaxValue;
        var bigOffset = entry.LocalHeaderOffset >= uint.MaxValue;
        var zip64Length = 8 * ((bigUncompressed ? 1 : 0) + (bigCompressed ? 1 : 0) + (bigOffset ? 1 : 0));
        var extraLength = zip64Length == 0 ? 0 : 4 + zip64Length;
        var length = 46 + entry.Name.Bytes.Length + extraLength;
        var span = output.GetSpan(length);
        var version = extraLength == 0 ? Version20 : Version45;
        BinaryPrimitives.WriteUInt32LittleEndian(span, CentralHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)(MadeByUnix | version));
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Flags(entry.Name));
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], Deflated);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], entry.Time.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], entry.Time.Date);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], entry.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], bigCompressed ? uint.MaxValue : (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], bigUncompressed ? uint.MaxValue : (uint)entry.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], (ushort)entry.Name.Bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[30..], (ushort)extraLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 0); // comment length
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 0); // disk number
        BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 0); // internal attributes
        BinaryPrimitives.WriteUInt32LittleEndian(span[38..], RegularFileRwRR);
        BinaryPrimitives.WriteUInt32LittleEndian(span[42..], bigOffset ? uint.MaxValue : (uint)entry.LocalHeaderOffset);
        entry.Name.Bytes.CopyTo(span[46..]);
        if (extraLength > 0)
        {
            // The ZIP64 extended information field: only the values marked 0xFFFFFFFF above, in this order.
            var extra = span[(46 + entry.Name.Bytes.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)zip64Length);
            var at = 4;
            foreach (var (big, value) in new[] { (bigUncompressed, entry.UncompressedSize), (bigCompressed, entry.CompressedSize), (bigOffset, entry.LocalHeaderOffset) })
            {
                if (big)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(extra[at..], (ulong)value);
                    at += 8;
                }
            }
        }

        output.Advance(length);
    }

    /// <summary>
    /// The end of the central directory; preceded by the ZIP64 end record and its locator when the
    /// entry count, the directory's size or its offset do not fit the classic record.
    /// </summary>
    public static void WriteEnd(IBufferWriter<byte> output, long entries, long directoryOffset, long directorySize)
    {
        var zip64 = entries >= ushort.MaxValue || directoryOffset >= uint.MaxValue || directorySize >= uint.MaxValue;
        if (zip64)
        {
            var zip64EndOffset = directoryOffset + directorySize;
            var record = output.GetSpan(56 + 20);
            BinaryPrimitives.WriteUInt32LittleEndian(record, Zip64EndSignature);
            BinaryPrimitives.WriteUInt64LittleEndian(record[4..], 44); // size of the rest of this record
            BinaryPrimitives.WriteUInt16LittleEndian(record[12..], MadeByUnix | Version45);
            BinaryPrimitives.WriteUInt16LittleEndian(record[14..], Version45);
            BinaryPrimitives.WriteUInt32LittleEndian(record[16..], 0); // this disk
            BinaryPrimitives.WriteUInt32LittleEndian(record[20..], 0); // the directory's disk
            BinaryPrimitives.WriteUInt64LittleEndian(record[24..], (ulong)entries);
            BinaryPrimitives.WriteUInt64LittleEndian(record[32..], (ulong)entries);
            BinaryPrimitives.WriteUInt64LittleEndian(record[40..], (ulong)directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(record[48..], (ulong)directoryOffset);
            var locator = record[56..];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, Zip64LocatorSignature);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[4..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)zip64EndOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1); // disks in all
            output.Advance(56 + 20);
        }

        var end = output.GetSpan(22);
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(end[4..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(end[6..], 0);
        var count = (ushort)Math.Min(entries, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)Math.Min(directorySize, uint.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)Math.Min(directoryOffset, uint.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(end[20..], 0); // comment length
        output.Advance(22);
    }

    private static ushort Flags(ZipEntryName name) => (ushort)(DataDescriptorFlag | (name.IsAscii ? 0 : Utf8NameFlag));
}
