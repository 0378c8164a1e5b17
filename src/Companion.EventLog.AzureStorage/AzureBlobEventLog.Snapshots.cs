using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    private const string SnapshotVersionKey = "version";
    private const string SnapshotHeadHashKey = "headhash";
    private const string SnapshotSchemaKey = "stateschema";
    private const string SnapshotCreatedKey = "createdat";

    /// <inheritdoc />
    /// <remarks>
    /// A block blob per snapshot, created only if absent; its metadata holds the version, head
    /// hash, state schema and time. Two processes saving different versions at once may both
    /// write; loading still returns the newest, so that costs nothing but a blob.
    /// </remarks>
    public async Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.Stream, nameof(snapshot));
        await EnsureContainerAsync(cancellationToken);
        var versions = await ListSnapshotVersionsAsync(snapshot.Stream, cancellationToken);
        if (versions.Count > 0 && snapshot.Version <= versions[^1])
        {
            return;
        }

        var blob = _container.Client.GetBlobClient(BlobNames.Snapshot(snapshot.Stream, snapshot.Version));
        try
        {
            await blob.UploadAsync(new BinaryData(snapshot.State), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = SnapshotMetadata(snapshot),
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (IsPreconditionFailure(e))
        {
            // Another writer saved this version first; snapshots of one version are the same state.
        }

        // Both only caches, written after the snapshot itself: a crash before them costs a later
        // activation a listing or a tail read, never a wrong state.
        await PointNewestSnapshotAsync(snapshot, cancellationToken);
        await CacheHeadAtSnapshotAsync(snapshot, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One download of the copy kept under a fixed name (<see cref="PointNewestSnapshotAsync"/>);
    /// a listing and a download when there is none (a stream snapshotted before the copy existed).
    /// </remarks>
    public async Task<Snapshot?> LoadNewestSnapshotAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var download = (await _container.Client.GetBlobClient(BlobNames.NewestSnapshot(stream)).DownloadContentAsync(cancellationToken)).Value;
            return ToSnapshot(stream, download);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return await LoadSnapshotAtOrBeforeAsync(stream, long.MaxValue, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<Snapshot?> LoadSnapshotAtOrBeforeAsync(string stream, long version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await EnsureContainerAsync(cancellationToken);
        var versions = await ListSnapshotVersionsAsync(stream, cancellationToken);
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (versions[i] > version)
            {
                continue;
            }

            var download = (await _container.Client.GetBlobClient(BlobNames.Snapshot(stream, versions[i])).DownloadContentAsync(cancellationToken)).Value;
            return ToSnapshot(stream, download);
        }

        return null;
    }

    private static Snapshot ToSnapshot(string stream, BlobDownloadResult download)
    {
        var metadata = new Dictionary<string, string>(download.Details.Metadata, StringComparer.OrdinalIgnoreCase);
        return new Snapshot(
            stream,
            long.Parse(metadata[SnapshotVersionKey], CultureInfo.InvariantCulture),
            metadata[SnapshotHeadHashKey],
            int.Parse(metadata[SnapshotSchemaKey], CultureInfo.InvariantCulture),
            download.Content.ToArray(),
            DateTimeOffset.ParseExact(metadata[SnapshotCreatedKey], "O", CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> SnapshotMetadata(Snapshot snapshot) => new()
    {
        [SnapshotVersionKey] = snapshot.Version.ToString(CultureInfo.InvariantCulture),
        [SnapshotHeadHashKey] = snapshot.HeadHash,
        [SnapshotSchemaKey] = snapshot.StateSchema.ToString(CultureInfo.InvariantCulture),
        [SnapshotCreatedKey] = snapshot.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The versions of a stream's snapshots, ascending (their names sort that way).</summary>
    private async Task<List<long>> ListSnapshotVersionsAsync(string stream, CancellationToken cancellationToken)
    {
        var versions = new List<long>();
        var options = new GetBlobsOptions { Prefix = BlobNames.SnapshotPrefix(stream) };
        await foreach (var item in _container.Client.GetBlobsAsync(options, cancellationToken))
        {
            if (BlobNames.TryParseSnapshotVersion(item.Name, out var version))
            {
                versions.Add(version);
            }
        }

        return versions;
    }
}
