using System.Globalization;
using System.Text;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// Blob names of streams, segments and snapshots. A stream name is written as four lowercase hex
/// digits per UTF-16 code unit: safe for any name, and it sorts like the name itself in ordinal
/// order (the terminating '/' sorts below every hex digit), so a plain listing of the container
/// is the catalog in ordinal order and can start after any stream.
/// </summary>
internal static class BlobNames
{
    /// <summary>Blob names are at most 1,024 characters; this leaves room for the prefix and file name.</summary>
    public const int MaxStreamLength = 240;

    public const string StreamsRoot = "streams/";
    public const string SnapshotsRoot = "snapshots/";
    private const string SegmentSuffix = ".jsonl";
    private const string SnapshotSuffix = ".json";

    public static string Encode(string stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (stream.Length > MaxStreamLength)
        {
            throw new ArgumentException($"A stream name may have at most {MaxStreamLength} characters in the Azure Blob event log.", nameof(stream));
        }

        return EncodeAnyLength(stream);
    }

    /// <summary>The encoding without the length limit, for names only compared against, never stored.</summary>
    public static string EncodeAnyLength(string stream)
    {
        var builder = new StringBuilder(stream.Length * 4);
        foreach (var c in stream)
        {
            builder.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        if (encoded.Length == 0 || encoded.Length % 4 != 0)
        {
            throw new FormatException($"'{encoded}' is not an encoded stream name.");
        }

        var chars = new char[encoded.Length / 4];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)int.Parse(encoded.AsSpan(i * 4, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        return new string(chars);
    }

    public static string StreamPrefix(string stream) => StreamsRoot + Encode(stream) + "/";

    public static string Segment(string stream, int segment) =>
        StreamPrefix(stream) + segment.ToString("D6", CultureInfo.InvariantCulture) + SegmentSuffix;

    public static string SnapshotPrefix(string stream) => SnapshotsRoot + Encode(stream) + "/";

    /// <summary>
    /// A copy of the stream's newest snapshot under a fixed name, so loading it is one download
    /// rather than a listing and a download. Its name parses as no version, so listings skip it.
    /// </summary>
    public static string NewestSnapshot(string stream) => SnapshotPrefix(stream) + "newest" + SnapshotSuffix;

    public static string Snapshot(string stream, long version) =>
        SnapshotPrefix(stream) + version.ToString("D20", CultureInfo.InvariantCulture) + SnapshotSuffix;

    /// <summary>Splits <c>streams/&lt;encoded&gt;/&lt;segment&gt;.jsonl</c>; false for any other name.</summary>
    public static bool TryParseSegment(string name, out string encodedStream, out int segment)
    {
        encodedStream = "";
        segment = 0;
        if (!name.StartsWith(StreamsRoot, StringComparison.Ordinal) || !name.EndsWith(SegmentSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan(StreamsRoot.Length, name.Length - StreamsRoot.Length - SegmentSuffix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || !int.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out segment))
        {
            return false;
        }

        encodedStream = rest[..slash].ToString();
        return true;
    }

    /// <summary>The version in a snapshot blob's name; false for any other name.</summary>
    public static bool TryParseSnapshotVersion(string name, out long version)
    {
        version = 0;
        var slash = name.LastIndexOf('/');
        return slash >= 0
            && name.EndsWith(SnapshotSuffix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(slash + 1, name.Length - slash - 1 - SnapshotSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
