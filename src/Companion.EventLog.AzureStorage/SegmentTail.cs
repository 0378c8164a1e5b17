using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// A segment as one download of its tail saw it: its length, block count, ETag and seal, and
/// its last envelope (null when it was empty). All from one response, so they describe the same
/// moment however fast writers append.
/// </summary>
internal sealed record SegmentTail(long Length, int Blocks, ETag ETag, bool Sealed, DateTimeOffset LastModified, IDictionary<string, string>? Metadata, EventEnvelope? Last)
{
    /// <summary>
    /// The blob's whole length from a download's details: the total in a ranged answer's
    /// <c>Content-Range</c> (<c>bytes a-b/total</c>), else the length of the content itself.
    /// </summary>
    public static long TotalLength(BlobDownloadDetails details)
    {
        if (string.IsNullOrEmpty(details.ContentRange))
        {
            return details.ContentLength;
        }

        var slash = details.ContentRange.LastIndexOf('/');
        if (slash < 0 || !long.TryParse(details.ContentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            throw new FormatException($"The storage answered a ranged download with Content-Range '{details.ContentRange}', which gives no blob length.");
        }

        return total;
    }
}
