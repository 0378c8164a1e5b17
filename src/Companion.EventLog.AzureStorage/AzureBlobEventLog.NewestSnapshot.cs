using Azure;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <summary>How many times the copy of the newest snapshot is tried when other savers keep replacing it.</summary>
    private const int NewestSnapshotAttempts = 4;

    /// <summary>
    /// Copies <paramref name="snapshot"/> to the stream's fixed-name newest snapshot unless that
    /// already holds this version or a later one, conditional on the copy's ETag so two savers never
    /// put an older one over a newer. Only a cache of the versioned blob just written: when it lags
    /// (a crash between the two uploads, or savers that kept colliding) an activation starts from an
    /// older snapshot and replays a little more, and the next save brings it forward.
    /// </summary>
    private async Task PointNewestSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var blob = _container.Client.GetBlobClient(BlobNames.NewestSnapshot(snapshot.Stream));
        for (var attempt = 0; attempt < NewestSnapshotAttempts; attempt++)
        {
            BlobRequestConditions conditions;
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
                if (CopiedVersion(properties.Metadata) >= snapshot.Version)
                {
                    return;
                }

                conditions = new BlobRequestConditions { IfMatch = properties.ETag };
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
            }

            try
            {
                await blob.UploadAsync(new BinaryData(snapshot.State), new BlobUploadOptions
                {
                    Conditions = conditions,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Metadata = SnapshotMetadata(snapshot),
                }, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (IsPreconditionFailure(e))
            {
                // Another saver replaced the copy in between: look at what it holds now.
            }
        }
    }

    private static long CopiedVersion(IDictionary<string, string> metadata)
    {
        foreach (var pair in metadata)
        {
            if (string.Equals(pair.Key, SnapshotVersionKey, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(pair.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                return version;
            }
        }

        return 0;
    }
}
