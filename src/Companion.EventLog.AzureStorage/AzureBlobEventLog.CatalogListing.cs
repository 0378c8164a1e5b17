using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// The catalog's listing of the container, window by window. Listing costs a request per page
/// whatever the page's size, and on Azurite a scan of the whole container per request, so a pass
/// starts with a page the size of what the caller asked for and grows fourfold per window up to
/// the service's 5,000 blobs; a caller's next page usually falls in a window already listed.
/// </summary>
public sealed partial class AzureBlobEventLog
{
    private const int CatalogWindowGrowth = 4;

    /// <summary>Every stream whose encoded name sorts after <paramref name="cursor"/>, in order, each with all its segments.</summary>
    private async IAsyncEnumerable<ListedStream> ListedFromAsync(string cursor, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Most streams are one segment; the blob after the last wanted stream shows it is whole.
        var pageSize = (int)Math.Min(_options.CatalogListingPageSize, (2L * limit) + 1);
        if (_catalogWindows.EndingAt(cursor) is { } previous)
        {
            pageSize = Math.Max(pageSize, Grown(previous.PageSize));
        }

        while (true)
        {
            var window = _catalogWindows.Find(cursor);
            if (window is null)
            {
                window = await ListWindowAsync(cursor, pageSize, cancellationToken);
                _catalogWindows.Add(window);
            }

            // The pass goes on past this window: its next listing asks for more.
            pageSize = Math.Max(pageSize, Grown(window.PageSize));

            for (var i = window.FirstAfter(cursor); i < window.Streams.Count; i++)
            {
                yield return window.Streams[i];
                cursor = window.Streams[i].Encoded;
            }

            if (window.Exhausted)
            {
                yield break;
            }

            cursor = window.End ?? cursor;
        }
    }

    private int Grown(int pageSize) => (int)Math.Min(_options.CatalogListingPageSize, (long)pageSize * CatalogWindowGrowth);

    /// <summary>
    /// One listing page from after <paramref name="cursor"/> (more pages only while a single stream
    /// fills them), ending before the last stream the page showed unless the listing ended:
    /// that stream's later segments may be on the next page.
    /// </summary>
    private async Task<CatalogWindow> ListWindowAsync(string cursor, int pageSize, CancellationToken cancellationToken)
    {
        var listedAt = _catalogWindows.Now();
        var options = new GetBlobsOptions
        {
            Prefix = BlobNames.StreamsRoot,
            Traits = BlobTraits.Metadata,
            // Every segment of a later stream sorts at or after "<cursor>0": its encoding is longer
            // (the next hex digit) or larger; the cursor's own segments ("<cursor>/...") sort before it.
            StartFrom = cursor.Length == 0 ? null : BlobNames.StreamsRoot + cursor + "0",
        };

        var streams = new List<ListedStream>();
        var segments = new List<SegmentBlob>();
        string? current = null;
        await foreach (var page in _container.Client.GetBlobsAsync(options, cancellationToken).AsPages(pageSizeHint: pageSize))
        {
            foreach (var item in page.Values)
            {
                if (!BlobNames.TryParseSegment(item.Name, out var encoded, out var number))
                {
                    continue;
                }

                if (current is not null && !string.Equals(current, encoded, StringComparison.Ordinal))
                {
                    streams.Add(new ListedStream(current, segments));
                    segments = [];
                }

                current = encoded;
                segments.Add(SegmentBlob.From(item, number));
            }

            if (string.IsNullOrEmpty(page.ContinuationToken))
            {
                break;
            }

            if (streams.Count > 0)
            {
                // The stream still open may continue on the next page: the next window starts with it.
                return new CatalogWindow(cursor, streams, Exhausted: false, pageSize, listedAt);
            }
        }

        if (current is not null)
        {
            streams.Add(new ListedStream(current, segments));
        }

        return new CatalogWindow(cursor, streams, Exhausted: true, pageSize, listedAt);
    }
}
