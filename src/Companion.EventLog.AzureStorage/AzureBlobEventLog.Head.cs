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
    /// version check at a position past that version; so a segment that grew between the listing
    /// and the look at its properties is listed again.
    /// </summary>
    private async Task<StreamPosition> LoadPositionAsync(string stream, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var segments = await ListSegmentsAsync(stream, cancellationToken);
            if (segments.Count == 0)
            {
                return StreamPosition.None;
            }

            var newest = segments[^1];
            var (head, updatedAt) = await FindHeadAsync(segments, cancellationToken);
            if (HeadMetadata.TryRead(newest.Metadata, newest.Length, out _, out var blocks, out _))
            {
                return Remembered(stream, new StreamPosition(newest.Number, newest.Length, blocks, newest.ETag, false, head, updatedAt));
            }

            // The metadata lags (a crash or a lost race after the last append): ask for the block count.
            var properties = (await _container.GetAppendBlobClient(newest.Name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.ContentLength == newest.Length)
            {
                return Remembered(stream, new StreamPosition(newest.Number, newest.Length, properties.BlobCommittedBlockCount, properties.ETag, properties.IsSealed, head, updatedAt));
            }

            if (attempt == MaxAppendAttempts)
            {
                throw new InvalidOperationException($"Stream '{stream}' kept growing while its head was read; try again.");
            }
        }
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
        await foreach (var item in _container.GetBlobsAsync(options, cancellationToken))
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

            var last = await ReadLastEnvelopeAsync(segment, cancellationToken);
            return (new StreamHead(last.Version, last.Hash), segment.LastModified);
        }

        return (StreamHead.Empty, default);
    }

    /// <summary>Reads the segment's last line, from a tail that grows until it holds the whole line.</summary>
    private async Task<EventEnvelope> ReadLastEnvelopeAsync(SegmentBlob segment, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(segment.Name);
        for (long window = 16 * 1024; ; window *= 4)
        {
            var start = Math.Max(0, segment.Length - window);
            var options = new BlobDownloadOptions { Range = new Azure.HttpRange(start, segment.Length - start) };
            var tail = (await blob.DownloadContentAsync(options, cancellationToken)).Value.Content;
            if (EnvelopeLines.LastLine(tail.ToMemory().Span, tailIsWholeSegment: start == 0) is { } last)
            {
                return last;
            }
        }
    }
}
