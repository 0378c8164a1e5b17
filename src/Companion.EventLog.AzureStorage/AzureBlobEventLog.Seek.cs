using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <summary>Once the search has narrowed the start to this many bytes, the read streams from there.</summary>
    private const long SeekScanBytes = 64 * 1024;

    /// <summary>How much one probe of the search downloads first; it grows when a line is longer.</summary>
    private const long SeekProbeBytes = 4 * 1024;

    /// <summary>
    /// Where in <paramref name="segment"/> (up to the length the listing saw) reading from
    /// <paramref name="fromVersion"/> starts: a line start at or before the first line holding a
    /// version at or after it, within <see cref="SeekScanBytes"/> or one line of it. Null when the
    /// segment ends before that version. Costs one ranged read of the tail when the version is in
    /// it (an activation from a recent snapshot), else a binary search over byte ranges; the
    /// metadata's checkpoint, however far it lags, bounds where the search begins.
    /// </summary>
    private async Task<long?> SeekAsync(SegmentBlob segment, long fromVersion, CancellationToken cancellationToken)
    {
        var end = segment.Length;
        long low = 0;
        if (HeadMetadata.TryReadCheckpoint(segment.Metadata, end, out var checkpointVersion, out var checkpointLength) && checkpointVersion < fromVersion)
        {
            low = checkpointLength;
        }

        if (low == end)
        {
            return null;
        }

        var blob = _container.Client.GetBlobClient(segment.Name);

        // The tail: the segment's last lines, read further back until one starts in the window.
        long high;
        for (var window = TailWindowBytes; ; window *= 4)
        {
            var start = Math.Max(low, end - window);
            var lines = await LinesFromAsync(blob, start, end, int.MaxValue, cancellationToken);
            if (lines.Count == 0)
            {
                if (start == low)
                {
                    throw new FormatException($"Segment '{segment.Name}' holds no complete line after byte {low}.");
                }

                continue;
            }

            if (lines[^1].Version < fromVersion)
            {
                return null;
            }

            if (lines[0].Version <= fromVersion || start == low)
            {
                return lines.First(line => line.Version >= fromVersion).Start;
            }

            high = lines[0].Start;
            break;
        }

        // Between a line before the version (or the start) and a line at or after it.
        while (high - low > SeekScanBytes)
        {
            var middle = low + ((high - low) / 2);
            var probe = await ProbeAsync(blob, middle, high, cancellationToken);
            if (probe is not { } line)
            {
                // One line spans from before the middle to the upper bound: the start is at low or there.
                break;
            }

            if (line.Version < fromVersion)
            {
                low = line.Start;
            }
            else
            {
                high = line.Start;
            }
        }

        return low;
    }

    /// <summary>The first complete line starting in [<paramref name="from"/>, <paramref name="end"/>), from a window that grows until it holds one.</summary>
    private async Task<(long Start, long Version)?> ProbeAsync(BlobClient blob, long from, long end, CancellationToken cancellationToken)
    {
        for (var window = SeekProbeBytes; ; window *= 4)
        {
            var until = Math.Min(end, from + window);
            var lines = await LinesFromAsync(blob, from, until, 1, cancellationToken);
            if (lines.Count > 0 || until == end)
            {
                return lines.Count > 0 ? lines[0] : null;
            }
        }
    }

    /// <summary>
    /// The complete lines starting in [<paramref name="from"/>, <paramref name="end"/>), with their
    /// offsets in the segment. The byte before <paramref name="from"/> is read too, so a line
    /// starting exactly there is seen as one.
    /// </summary>
    private static async Task<List<(long Start, long Version)>> LinesFromAsync(BlobClient blob, long from, long end, int maxLines, CancellationToken cancellationToken)
    {
        var rangeStart = from == 0 ? 0 : from - 1;
        var options = new BlobDownloadOptions { Range = new Azure.HttpRange(rangeStart, end - rangeStart) };
        var content = (await blob.DownloadContentAsync(options, cancellationToken)).Value.Content;
        return EnvelopeLines.CompleteLines(content.ToMemory().Span, startsALine: from == 0, maxLines)
            .ConvertAll(line => (rangeStart + line.Start, line.Version));
    }
}
