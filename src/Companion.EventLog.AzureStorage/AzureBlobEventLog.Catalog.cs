using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// One listing of the segments, starting after <paramref name="after"/> (encoded names sort
    /// like stream names); each stream's head comes from its newest segment's metadata, or its
    /// last line when the metadata lags (one ranged read of its tail). Those reads run a few at a
    /// time, ahead of the listing, so a page of lagging streams costs a few round trips rather
    /// than one per stream. Streams without an event are not listed.
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
        var described = new Queue<Task<StreamInfo?>>();
        try
        {
            // A page the size of the request (most streams are one segment): the service's default
            // of 5,000 blobs costs a page of 100 streams as much as listing 5,000.
            var pageSize = (int)Math.Min(5_000, (2L * limit) + 1);
            await foreach (var item in Listed(_container.Client.GetBlobsAsync(options, cancellationToken).AsPages(pageSizeHint: pageSize)))
            {
                if (!BlobNames.TryParseSegment(item.Name, out var encoded, out var number))
                {
                    continue;
                }

                if (current is not null && !string.Equals(current, encoded, StringComparison.Ordinal))
                {
                    // Never more reads ahead than streams still wanted, so a small page reads no more tails than it lists.
                    while (described.Count >= Math.Min(CatalogReadsAhead, limit - listed))
                    {
                        if (await described.Dequeue() is { } info)
                        {
                            yield return info;
                            if (++listed == limit)
                            {
                                yield break;
                            }
                        }
                    }

                    described.Enqueue(DescribeAsync(current, segments, cancellationToken));
                    segments = [];
                }

                current = encoded;
                segments.Add(SegmentBlob.From(item, number));
            }

            if (current is not null)
            {
                described.Enqueue(DescribeAsync(current, segments, cancellationToken));
            }

            while (described.Count > 0)
            {
                if (await described.Dequeue() is { } info)
                {
                    yield return info;
                    if (++listed == limit)
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            // A caller that stops early leaves reads running; let them finish (their results unused)
            // so none outlives the enumeration.
            await ((Task)Task.WhenAll(described)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async IAsyncEnumerable<BlobItem> Listed(IAsyncEnumerable<Azure.Page<BlobItem>> pages)
    {
        await foreach (var page in pages)
        {
            foreach (var item in page.Values)
            {
                yield return item;
            }
        }
    }

    /// <summary>How many streams' heads the catalog reads ahead of the one it yields.</summary>
    private const int CatalogReadsAhead = 16;

    private async Task<StreamInfo?> DescribeAsync(string encodedStream, List<SegmentBlob> segments, CancellationToken cancellationToken)
    {
        var (head, updatedAt) = await FindHeadAsync(segments, cancellationToken);
        return head.Version == 0 ? null : new StreamInfo(BlobNames.Decode(encodedStream), head.Version, head.Hash, updatedAt);
    }
}
