using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// One listing of the segments, starting after <paramref name="after"/> (encoded names sort
    /// like stream names); each stream's head comes from its newest segment's metadata, or its
    /// last line when the metadata lags. Streams without an event are not listed.
    /// </remarks>
    public async IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            yield break;
        }

        await EnsureContainerAsync(cancellationToken);
        var options = new GetBlobsOptions
        {
            Prefix = BlobNames.StreamsRoot,
            Traits = BlobTraits.Metadata,
            // Every segment of a later stream sorts at or after "<after>0": its encoding is longer
            // (the next hex digit) or larger; after's own segments ("<after>/...") sort before it.
            StartFrom = string.IsNullOrEmpty(after) ? null : BlobNames.StreamsRoot + BlobNames.EncodeAnyLength(after) + "0",
        };

        var listed = 0;
        string? current = null;
        var segments = new List<SegmentBlob>();
        await foreach (var item in _container.Client.GetBlobsAsync(options, cancellationToken))
        {
            if (!BlobNames.TryParseSegment(item.Name, out var encoded, out var number))
            {
                continue;
            }

            if (current is not null && !string.Equals(current, encoded, StringComparison.Ordinal))
            {
                if (await DescribeAsync(current, segments, cancellationToken) is { } info)
                {
                    yield return info;
                    if (++listed == limit)
                    {
                        yield break;
                    }
                }

                segments.Clear();
            }

            current = encoded;
            segments.Add(SegmentBlob.From(item, number));
        }

        if (current is not null && await DescribeAsync(current, segments, cancellationToken) is { } lastInfo)
        {
            yield return lastInfo;
        }
    }

    private async Task<StreamInfo?> DescribeAsync(string encodedStream, List<SegmentBlob> segments, CancellationToken cancellationToken)
    {
        var (head, updatedAt) = await FindHeadAsync(segments, cancellationToken);
        return head.Version == 0 ? null : new StreamInfo(BlobNames.Decode(encodedStream), head.Version, head.Hash, updatedAt);
    }
}
