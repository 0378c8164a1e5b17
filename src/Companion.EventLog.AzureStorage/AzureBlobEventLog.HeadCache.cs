using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// Keeping the head cached in the newest segment's metadata current beyond the appends that write
/// it (every <see cref="CacheHeadEveryBlocks"/> blocks): when a snapshot is saved at the head, and
/// when a reader had to read a segment's tail because the cache lagged. So the next activation or
/// catalog listing of a stream that has not moved since reads its head from the listing alone.
/// Every such write is conditional on the ETag of the segment as it was read, so it only ever
/// describes the segment's exact content; a write that loses to an append is simply not made.
/// </summary>
public sealed partial class AzureBlobEventLog
{
    /// <summary>Caches the head in the segment's metadata when the snapshot just saved is at the head this log last wrote.</summary>
    private async Task CacheHeadAtSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        if (_positions.TryGetValue(snapshot.Stream, out var position)
            && position is { HeadCached: false, Sealed: false, Segment: > 0 }
            && position.Head.Version == snapshot.Version
            && string.Equals(position.Head.Hash, snapshot.HeadHash, StringComparison.Ordinal))
        {
            await ResyncHeadAsync(snapshot.Stream, position, cancellationToken);
        }
    }

    /// <summary>Writes <paramref name="position"/>'s head to its segment's metadata, if the segment is still at its ETag.</summary>
    private async Task<StreamPosition> ResyncHeadAsync(string stream, StreamPosition position, CancellationToken cancellationToken)
    {
        var segment = _container.Client.GetAppendBlobClient(BlobNames.Segment(stream, position.Segment));
        var cached = await CacheHeadAsync(segment, position, cancellationToken);
        Remember(stream, cached);
        return cached;
    }

    /// <summary>
    /// After the catalog read a lagging segment's last line: caches it as the head, conditional on
    /// the ETag the listing saw, so the next listing needs no read. The segment cannot have changed
    /// between the listing and the read if it is unchanged still when the write is made, so the
    /// read's block count describes the listed length.
    /// </summary>
    private async Task ResyncListedHeadAsync(SegmentBlob segment, EventEnvelope last, BlobDownloadDetails read, CancellationToken cancellationToken)
    {
        if (read.IsSealed)
        {
            return;
        }

        var metadata = HeadMetadata.Write(new StreamHead(last.Version, last.Hash), segment.Length, read.BlobCommittedBlockCount, segment.LastModified);
        try
        {
            await _container.Client.GetBlobClient(segment.Name).SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = segment.ETag }, cancellationToken);
        }
        catch (RequestFailedException e) when (IsPreconditionFailure(e))
        {
            // An append came first: the next reader reads the tail again.
        }
    }
}
