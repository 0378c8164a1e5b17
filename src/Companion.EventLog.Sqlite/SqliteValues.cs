using System.Globalization;
using System.Runtime.InteropServices;

namespace Companion.EventLog.Sqlite;

/// <summary>How values are stored in columns, so every table writes and reads them alike.</summary>
internal static class SqliteValues
{
    /// <summary>Times are stored in the envelope's canonical form: ISO 8601 UTC, ticks precision.</summary>
    public static string FormatTime(DateTimeOffset time) => EnvelopeJson.FormatTime(time);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>A byte array for a blob parameter, without copying when the memory is a whole array (SQLite copies on bind).</summary>
    public static byte[] ToBlob(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : bytes.ToArray();
}
