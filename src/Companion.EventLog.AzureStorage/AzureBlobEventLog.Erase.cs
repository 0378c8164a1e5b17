namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// Deletes every segment and snapshot blob of the stream (with their snapshots, if the account
    /// keeps blob snapshots). An account with soft delete or versioning enabled keeps deleted
    /// blobs for its retention period: turn those off for the event log's container.
    /// </remarks>
    public async Task EraseStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await EnsureContainerAsync(cancellationToken);
        _positions.TryRemove(stream, out _);
        foreach (var prefix in new[] { BlobNames.StreamPrefix(stream), BlobNames.SnapshotPrefix(stream) })
        {
            await foreach (var blob in _container.Client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                await _container.Client.DeleteBlobIfExistsAsync(blob.Name, Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            }
        }

        _positions.TryRemove(stream, out _);
        // A catalog window listed before the erasure would still show the stream.
        _catalogWindows.Clear();
    }
}
