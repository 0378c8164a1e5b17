using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// The event log on Azure Blob Storage. Each stream is a sequence of append blobs (segments),
/// <c>streams/&lt;stream&gt;/&lt;segment:D6&gt;.jsonl</c>, holding one envelope per line; a batch of
/// envelopes is one append block, conditional on the append position the writer last saw, so
/// a writer that is behind gets <see cref="EventLogConflictException"/> instead of forking the
/// stream. A full segment is sealed before the next one is created, which stops any writer
/// still aiming at it. Snapshots are block blobs, <c>snapshots/&lt;stream&gt;/&lt;version:D20&gt;.json</c>.
/// </summary>
/// <remarks>
/// The segments' contents are the truth. A segment's metadata caches the head (version, hash,
/// block count) together with the segment length it describes, written every few blocks and when
/// the segment is sealed, so most appends are a single request. It is trusted only while that
/// length is the segment's real length; otherwise the head, length and block count are read
/// together from one download of the segment's tail. So a crash between any two writes loses no
/// acknowledged event and leaves a state a reader resolves to the true head. Several processes
/// may share one container.
/// </remarks>
public sealed partial class AzureBlobEventLog : IEventLog
{
    private const int MaxAppendAttempts = 16;

    /// <summary>
    /// Every this many blocks an append also caches the head in the segment's metadata; the
    /// appends between cost one request, and a reader that finds the cache behind reads the tail.
    /// </summary>
    private const int CacheHeadEveryBlocks = 32;

    /// <summary>How much of a segment's end a head read downloads first; enough for a few lines.</summary>
    private const long TailWindowBytes = 16 * 1024;

    private readonly BlobContainer _container;
    private readonly AzureBlobEventLogOptions _options;
    private readonly ConcurrentDictionary<string, StreamPosition> _positions = new(StringComparer.Ordinal);
    private readonly CatalogWindows _catalogWindows;

    /// <summary>Connects to the account; the container is created on first use when missing.</summary>
    public AzureBlobEventLog(AzureBlobEventLogOptions options)
        : this(options, null)
    {
    }

    /// <summary>Also lets tests add pipeline policies (to lose answers) and change retries.</summary>
    internal AzureBlobEventLog(AzureBlobEventLogOptions options, Action<BlobClientOptions>? configureClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "options.ConnectionString");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ContainerName, "options.ContainerName");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBlocksPerSegment, 1, "options.MaxBlocksPerSegment");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBlocksPerSegment, 50_000, "options.MaxBlocksPerSegment");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBlockBytes, 1024, "options.MaxBlockBytes");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CatalogListingMaxAge, TimeSpan.Zero, "options.CatalogListingMaxAge");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CatalogListingPageSize, 2, "options.CatalogListingPageSize");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CatalogListingPageSize, 5_000, "options.CatalogListingPageSize");

        _options = options;
        _container = new BlobContainer(options.ConnectionString, options.ContainerName, configureClient);
        _catalogWindows = new CatalogWindows(options.CatalogListingMaxAge, TimeProvider.System);
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        await _container.Client.GetPropertiesAsync(cancellationToken: cancellationToken);
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken) => _container.EnsureCreatedAsync(cancellationToken);

    private void Remember(string stream, StreamPosition position) =>
        _positions.AddOrUpdate(stream, position, (_, known) => position.IsNotBehind(known) ? position : known);

    private static bool IsPreconditionFailure(RequestFailedException e) => e.Status is 409 or 412;

    /// <summary>
    /// The request may or may not have been carried out: the service failed or the answer was
    /// lost (the client's own retries already spent). Only a fresh read of the stream tells.
    /// </summary>
    private static bool IsOutcomeUnknown(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException or HttpRequestException => true,
        _ => false,
    };

    private static bool IsSealedError(RequestFailedException e) =>
        e.Status == 409 && string.Equals(e.ErrorCode, "BlobIsSealed", StringComparison.Ordinal);
}
