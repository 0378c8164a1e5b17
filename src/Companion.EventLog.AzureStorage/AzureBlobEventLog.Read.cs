using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// Reads each segment up to the length one listing saw, so the result is a consistent prefix
    /// of the stream even while writers append. Segments whose cached head lies before
    /// <paramref name="fromVersion"/> are not downloaded.
    /// </remarks>
    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await EnsureContainerAsync(cancellationToken);
        foreach (var segment in await ListSegmentsAsync(stream, cancellationToken))
        {
            if (segment.Length == 0
                || (HeadMetadata.TryRead(segment.Metadata, segment.Length, out var head, out _, out _) && head.Version < fromVersion))
            {
                continue;
            }

            var options = new BlobDownloadOptions { Range = new Azure.HttpRange(0, segment.Length) };
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
