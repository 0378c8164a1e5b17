using System.Runtime.CompilerServices;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <summary>How many streams' heads the catalog reads ahead of the one it yields.</summary>
    private const int CatalogReadsAhead = 16;

    /// <inheritdoc />
    /// <remarks>
    /// Streams come from listing windows (<see cref="ListedFromAsync"/>): one listing request of up
    /// to 5,000 blobs answers many pages while younger than
    /// <see cref="AzureBlobEventLogOptions.CatalogListingMaxAge"/>. Each stream's head comes from
    /// this log's own later writes when it made any, else its newest segment's metadata, or its
    /// last line when the metadata lags (one ranged read of its tail, cached back for the next
    /// listing). Those reads run a few at a time, ahead of the stream yielded, so a page of lagging
    /// streams costs a few round trips rather than one per stream. Streams without an event are
    /// not listed.
    /// </remarks>
    public async IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            yield break;
        }

        await EnsureContainerAsync(cancellationToken);
        var listed = 0;
        var described = new Queue<Task<StreamInfo?>>();
        var streams = ListedFromAsync(string.IsNullOrEmpty(after) ? "" : BlobNames.EncodeAnyLength(after), limit, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var more = true;
            while (listed < limit)
            {
                // Never more streams taken than still wanted, so a page reads no tail and no listing
                // window beyond its own last stream.
                while (more && described.Count < Math.Min(CatalogReadsAhead, limit - listed))
                {
                    more = await streams.MoveNextAsync();
                    if (more)
                    {
                        described.Enqueue(DescribeAsync(streams.Current, cancellationToken));
                    }
                }

                if (described.Count == 0)
                {
                    yield break;
                }

                if (await described.Dequeue() is { } info)
                {
                    listed++;
                    yield return info;
                }
            }
        }
        finally
        {
            // A caller that stops early leaves reads running; let them finish (their results unused)
            // so none outlives the enumeration.
            await ((Task)Task.WhenAll(described)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await streams.DisposeAsync();
        }
    }

    private async Task<StreamInfo?> DescribeAsync(ListedStream listed, CancellationToken cancellationToken)
    {
        var stream = BlobNames.Decode(listed.Encoded);
        var newest = listed.Segments[^1];
        // This log's own appends since the listing are newer than what it shows (the windows make that likelier).
        if (_positions.TryGetValue(stream, out var known) && known.Head.Version > 0
            && (known.Segment > newest.Number || (known.Segment == newest.Number && known.Length > newest.Length)))
        {
            return new StreamInfo(stream, known.Head.Version, known.Head.Hash, known.UpdatedAt);
        }

        var (head, updatedAt) = await FindHeadAsync(listed.Segments, cancellationToken);
        return head.Version == 0 ? null : new StreamInfo(stream, head.Version, head.Hash, updatedAt);
    }
}
