namespace Companion.Continuity.Zip;

/// <summary>What the central directory says of one entry written.</summary>
internal sealed record ZipEntryRecord(ZipEntryName Name, ZipDosTime Time, long LocalHeaderOffset, uint Crc32, long CompressedSize, long UncompressedSize);
