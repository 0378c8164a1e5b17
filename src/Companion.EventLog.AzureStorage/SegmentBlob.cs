using Azure;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

/// <summary>One segment as a listing shows it.</summary>
internal sealed record SegmentBlob(string Name, int Number, long Length, ETag ETag, DateTimeOffset LastModified, IDictionary<string, string>? Metadata)
{
    public static SegmentBlob From(BlobItem item, int number) => new(
        item.Name,
        number,
        item.Properties.ContentLength ?? 0,
        item.Properties.ETag ?? default,
        item.Properties.LastModified ?? default,
        item.Metadata);
}
