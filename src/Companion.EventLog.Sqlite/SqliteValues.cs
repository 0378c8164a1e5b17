using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Companion.EventLog.Sqlite;

/// <summary>How values are stored in columns, so every table writes and reads them alike.</summary>
internal static class SqliteValues
{
    /// <summary>Times are stored in the envelope's canonical form: ISO 8601 UTC, ticks precision.</summary>
    public static string FormatTime(DateTimeOffset time) => EnvelopeJson.FormatTime(time);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>An event time as its column holds it: UTC ticks, which format back to exactly the canonical text the hash covers.</summary>
    public static long StoreEventTime(DateTimeOffset time) => time.UtcTicks;

    /// <summary>An event time from its column: ticks, or (kept by the migration when not canonical) the text it was.</summary>
    public static DateTimeOffset ReadEventTime(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(long)
            ? new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero)
            : ParseTime(reader.GetString(ordinal));

    /// <summary>
    /// A hash as its column holds it: 32 raw bytes when it is 64 lowercase hex digits (as every
    /// sealed hash is), else the text itself, so no value, however odd, changes on the way back.
    /// </summary>
    public static object StoreHash(string hash)
    {
        if (hash.Length != 64)
        {
            return hash;
        }

        foreach (var c in hash)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return hash;
            }
        }

        var bytes = new byte[32];
        return Convert.FromHexString(hash, bytes, out _, out var written) == OperationStatus.Done && written == 32 ? bytes : hash;
    }

    /// <summary>A hash from its column: lowercase hex of the bytes, or the text as stored.</summary>
    public static string ReadHash(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(byte[])
            ? Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(ordinal))
            : reader.GetString(ordinal);

    /// <summary>A byte array for a blob parameter, without copying when the memory is a whole array (SQLite copies on bind).</summary>
    public static byte[] ToBlob(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : bytes.ToArray();
}
