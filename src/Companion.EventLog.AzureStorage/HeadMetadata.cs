using System.Globalization;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// The stream head a segment's metadata caches: the version and hash of its last envelope, its
/// block count, and the segment length they describe. It is written every few appends and when
/// the segment is sealed. The segment's contents are the truth; the metadata is trusted as the
/// head only while that length equals the segment's actual length, so metadata the appends since
/// have left behind (or a crash before its update) is simply ignored as a head. It stays true as
/// a checkpoint: it was written conditional on the ETag of the append it describes, and an append
/// blob only grows, so its first <c>length</c> bytes still end with that version.
/// </summary>
internal static class HeadMetadata
{
    private const string VersionKey = "headversion";
    private const string HashKey = "headhash";
    private const string LengthKey = "length";
    private const string BlocksKey = "blocks";
    private const string UpdatedKey = "updatedat";

    public static Dictionary<string, string> Write(StreamHead head, long length, int blocks, DateTimeOffset updatedAt) => new()
    {
        [VersionKey] = head.Version.ToString(CultureInfo.InvariantCulture),
        [HashKey] = head.Hash,
        [LengthKey] = length.ToString(CultureInfo.InvariantCulture),
        [BlocksKey] = blocks.ToString(CultureInfo.InvariantCulture),
        [UpdatedKey] = updatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The cached head, when the metadata describes exactly <paramref name="actualLength"/> bytes.</summary>
    public static bool TryRead(IDictionary<string, string>? metadata, long actualLength, out StreamHead head, out int blocks, out DateTimeOffset updatedAt)
    {
        head = StreamHead.Empty;
        blocks = 0;
        updatedAt = default;
        if (metadata is null
            || !TryGet(metadata, LengthKey, out var lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length != actualLength
            || !TryGet(metadata, VersionKey, out var versionText) || !long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !TryGet(metadata, HashKey, out var hash) || hash.Length != 64
            || !TryGet(metadata, BlocksKey, out var blocksText) || !int.TryParse(blocksText, NumberStyles.None, CultureInfo.InvariantCulture, out blocks)
            || !TryGet(metadata, UpdatedKey, out var updatedText)
            || !DateTimeOffset.TryParseExact(updatedText, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out updatedAt))
        {
            return false;
        }

        head = new StreamHead(version, hash);
        return true;
    }

    /// <summary>
    /// A point the segment has passed: its first <paramref name="length"/> bytes end with
    /// <paramref name="version"/>, so the next line starts there. False when the metadata holds
    /// no checkpoint, or one past <paramref name="actualLength"/> (which only a foreign write makes).
    /// </summary>
    public static bool TryReadCheckpoint(IDictionary<string, string>? metadata, long actualLength, out long version, out long length)
    {
        version = 0;
        length = 0;
        return metadata is not null
            && TryGet(metadata, LengthKey, out var lengthText) && long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length)
            && length <= actualLength
            && TryGet(metadata, VersionKey, out var versionText) && long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    // Metadata names are case-insensitive in Azure; look them up that way whatever the dictionary does.
    private static bool TryGet(IDictionary<string, string> metadata, string key, out string value)
    {
        foreach (var pair in metadata)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = "";
        return false;
    }
}
