using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// Reads each segment up to the length one listing saw, so the result is a consistent prefix
    /// of the stream even while writers append. Segments whose cached head lies before
    /// <paramref name="fromVersion"/> are not downloaded, and in the segment holding it the read
    /// starts near its line (<see cref="SeekAsync"/>), so reading the tail after a snapshot costs
    /// a bounded number of bytes and requests however long the segment.
    /// </remarks>
    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await EnsureContainerAsync(cancellationToken);

        // Once a segment holds fromVersion (or an earlier one ended just before it), every later
        // segment is read from its start.
        var fromStart = fromVersion <= 1;
        foreach (var segment in await ListSegmentsAsync(stream, cancellationToken))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            if (!fromStart && HeadMetadata.TryRead(segment.Metadata, segment.Length, out var head, out _, out _) && head.Version < fromVersion)
            {
                fromStart = head.Version == fromVersion - 1;
                continue;
            }

            var offset = fromStart ? 0 : await SeekAsync(segment, fromVersion, cancellationToken);
            if (offset is not { } start)
            {
                continue;
            }

            fromStart = true;
            var options = new BlobDownloadOptions { Range = new Azure.HttpRange(start, segment.Length - start) };
            var download = await _container.Client.GetBlobClient(segment.Name).DownloadStreamingAsync(options, cancellationToken);
            await using var content = download.Value.Content;
            await foreach (var envelope in EnvelopeLines.ReadAsync(content, cancellationToken))
            {
                if (envelope.Version >= fromVersion)
                {
                    yield return envelope;
                }
            }
        }
    }
}
