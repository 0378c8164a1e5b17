using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>Always asks the storage, so it sees what other processes appended.</remarks>
    public async Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await EnsureContainerAsync(cancellationToken);
        return (await LoadPositionAsync(stream, cancellationToken)).Head;
    }

    /// <summary>
    /// Reads where the stream really is: its newest segment and the envelope last stored. The
    /// head and the append position must describe the same moment, or an append could pass the
    /// version check at a position past that version. The listing's cached head is trusted when
    /// it describes the length listed; otherwise one download of the newest segment's tail gives
    /// its length, ETag, block count and last line together, however fast the segment grows.
    /// </summary>
    private async Task<StreamPosition> LoadPositionAsync(string stream, CancellationToken cancellationToken)
    {
        var segments = await ListSegmentsAsync(stream, cancellationToken);
        if (segments.Count == 0)
        {
            return StreamPosition.None;
        }

        var newest = segments[^1];
        if (HeadMetadata.TryRead(newest.Metadata, newest.Length, out var cachedHead, out var cachedBlocks, out var cachedAt))
        {
            return Remembered(stream, new StreamPosition(newest.Number, newest.Length, cachedBlocks, newest.ETag, false, cachedHead, cachedAt, true));
        }

        var tail = await ReadTailAsync(newest.Name, newest.Length, cancellationToken);
        if (tail.Last is { } last)
        {
            var cached = HeadMetadata.TryRead(tail.Metadata, tail.Length, out _, out _, out _);
            var position = new StreamPosition(newest.Number, tail.Length, tail.Blocks, tail.ETag, tail.Sealed, new StreamHead(last.Version, last.Hash), tail.LastModified, cached);

            // The cache lagged: bring it up to this head, so the next reader of an unmoved stream
            // (an activation, the catalog) finds it in the listing.
            return cached || tail.Sealed ? Remembered(stream, position) : await ResyncHeadAsync(stream, position, cancellationToken);
        }

        // The newest segment is still empty. A segment is sealed before its successor is created
        // and sealed segments never change, so the listing still describes the ones before it.
        var (head, updatedAt) = await FindHeadAsync(segments.GetRange(0, segments.Count - 1), cancellationToken);
        return Remembered(stream, new StreamPosition(newest.Number, 0, 0, tail.ETag, tail.Sealed, head, updatedAt, true));
    }

    private StreamPosition Remembered(string stream, StreamPosition position)
    {
        Remember(stream, position);
        return position;
    }

    /// <summary>A stream's segments in order, with their metadata.</summary>
    private async Task<List<SegmentBlob>> ListSegmentsAsync(string stream, CancellationToken cancellationToken)
    {
        var segments = new List<SegmentBlob>();
        var options = new GetBlobsOptions { Prefix = BlobNames.StreamPrefix(stream), Traits = BlobTraits.Metadata };
        await foreach (var item in _container.Client.GetBlobsAsync(options, cancellationToken))
        {
            if (BlobNames.TryParseSegment(item.Name, out _, out var number))
            {
                segments.Add(SegmentBlob.From(item, number));
            }
        }

        return segments;
    }

    /// <summary>
    /// The head of a stream from its segments: the newest non-empty segment's cached head when its
    /// metadata matches its length, else its last line. Empty trailing segments (created by a
    /// writer that stopped before its first block) are passed over.
    /// </summary>
    private async Task<(StreamHead Head, DateTimeOffset UpdatedAt)> FindHeadAsync(IReadOnlyList<SegmentBlob> segments, CancellationToken cancellationToken)
    {
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                continue;
            }

            if (HeadMetadata.TryRead(segment.Metadata, segment.Length, out var head, out _, out var updatedAt))
            {
                return (head, updatedAt);
            }

            var (last, read) = await ReadLastEnvelopeAsync(segment, cancellationToken);
            if (i == segments.Count - 1)
            {
                await ResyncListedHeadAsync(segment, last, read, cancellationToken);
            }

            return (new StreamHead(last.Version, last.Hash), segment.LastModified);
        }

        return (StreamHead.Empty, default);
    }

    /// <summary>
    /// One download of a segment's tail, from a little before <paramref name="lengthHint"/> (a
    /// length it had) to its end, read again from further back when the last line began earlier.
    /// </summary>
    private async Task<SegmentTail> ReadTailAsync(string name, long lengthHint, CancellationToken cancellationToken)
    {
        var blob = _container.Client.GetBlobClient(name);
        for (long window = TailWindowBytes; ; window *= 4)
        {
            var start = Math.Max(0, lengthHint - window);
            // From the start, no range at all: a range on an empty blob is refused.
            var options = start == 0 ? new BlobDownloadOptions() : new BlobDownloadOptions { Range = new Azure.HttpRange(start) };
            var download = (await blob.DownloadContentAsync(options, cancellationToken)).Value;
            var details = download.Details;
            var length = SegmentTail.TotalLength(details);
            EventEnvelope? last = null;
            if (length > 0)
            {
                last = EnvelopeLines.LastLine(download.Content.ToMemory().Span, tailIsWholeSegment: start == 0);
                if (last is null)
                {
                    lengthHint = length;
                    continue;
                }
            }

            return new SegmentTail(length, details.BlobCommittedBlockCount, details.ETag, details.IsSealed, details.LastModified, details.Metadata, last);
        }
    }

    /// <summary>Reads the segment's last line, from a tail that grows until it holds the whole line.</summary>
    private async Task<(EventEnvelope Last, BlobDownloadDetails Read)> ReadLastEnvelopeAsync(SegmentBlob segment, CancellationToken cancellationToken)
    {
        var blob = _container.Client.GetBlobClient(segment.Name);
        for (long window = TailWindowBytes; ; window *= 4)
        {
            var start = Math.Max(0, segment.Length - window);
            var options = new BlobDownloadOptions { Range = new Azure.HttpRange(start, segment.Length - start) };
            var download = (await blob.DownloadContentAsync(options, cancellationToken)).Value;
            if (EnvelopeLines.LastLine(download.Content.ToMemory().Span, tailIsWholeSegment: start == 0) is { } last)
            {
                return (last, download.Details);
            }
        }
    }
}
