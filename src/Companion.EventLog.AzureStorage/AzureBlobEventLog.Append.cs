using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Companion.EventLog.AzureStorage;

public sealed partial class AzureBlobEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// The batch is one append block at the append position this log last saw. When the position
    /// has moved (another writer, or a sealed segment) the log re-reads the stream: if it is still
    /// at <paramref name="expectedVersion"/> it appends there, otherwise it throws the conflict.
    /// If the stream already ends with exactly these envelopes (the hash chain makes equal head
    /// hashes equal histories), an earlier attempt was stored but its answer lost, and the append
    /// succeeds without writing them twice. So an append whose answer is lost (the client's
    /// retries then find the position moved, or fail outright) is resolved by re-reading the
    /// stream within this call, while the storage answers reads.
    /// </remarks>
    /// <exception cref="ArgumentException">The batch is larger than <see cref="AzureBlobEventLogOptions.MaxBlockBytes"/>, a payload is not on one line, or the stream name is longer than 240 characters.</exception>
    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        AppendChecks.ThrowIfInvalid(stream, expectedVersion, envelopes);
        BlobNames.Encode(stream);
        var block = EnvelopeLines.Write(envelopes);
        if (block.Length > _options.MaxBlockBytes)
        {
            throw new ArgumentException($"The batch is {block.Length} bytes; one append block holds at most {_options.MaxBlockBytes}.", nameof(envelopes));
        }

        await EnsureContainerAsync(cancellationToken);
        var last = envelopes[^1];
        var position = _positions.TryGetValue(stream, out var cached) && cached.Head.Version == expectedVersion
            ? cached
            : await LoadPositionAsync(stream, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (position.Head.Version == last.Version && string.Equals(position.Head.Hash, last.Hash, StringComparison.Ordinal))
            {
                return last.Version;
            }

            AppendChecks.ThrowIfConflict(stream, expectedVersion, position.Head, envelopes);
            if (attempt > MaxAppendAttempts)
            {
                throw new EventLogConflictException(stream, expectedVersion, position.Head.Version, "Other writers kept moving the append position.");
            }

            var next = await TryAppendAsync(stream, position, block, last, cancellationToken);
            if (next.Appended)
            {
                Remember(stream, next.Position);
                return last.Version;
            }

            position = next.Position;
        }
    }

    /// <summary>
    /// One try: roll to a new segment when needed, then append the block at the position. Returns
    /// the new position when appended, else the position to try from next.
    /// </summary>
    private async Task<(bool Appended, StreamPosition Position)> TryAppendAsync(string stream, StreamPosition position, byte[] block, EventEnvelope last, CancellationToken cancellationToken)
    {
        if (position.NeedsNewSegment(_options.MaxBlocksPerSegment))
        {
            var rolled = await TryStartSegmentAsync(stream, position, cancellationToken);
            if (rolled is null)
            {
                return (false, await LoadPositionAsync(stream, cancellationToken));
            }

            position = rolled;
        }

        var segment = _container.Client.GetAppendBlobClient(BlobNames.Segment(stream, position.Segment));
        BlobAppendInfo appended;
        try
        {
            using var content = new MemoryStream(block, writable: false);
            appended = (await segment.AppendBlockAsync(content, new AppendBlobAppendBlockOptions
            {
                Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position.Length },
            }, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (IsSealedError(e))
        {
            // Our position may be stale too: re-read, and only then note that the segment is final.
            var current = await LoadPositionAsync(stream, cancellationToken);
            return (false, current.Segment == position.Segment ? current with { Sealed = true } : current);
        }
        catch (RequestFailedException e) when (IsPreconditionFailure(e) || e.Status == 404)
        {
            return (false, await LoadPositionAsync(stream, cancellationToken));
        }
        catch (Exception e) when (IsOutcomeUnknown(e, cancellationToken))
        {
            // The block may have been stored. Re-read: the caller's loop finds it as the head (and
            // succeeds without writing twice), or finds the stream unmoved and appends again.
            return (false, await LoadPositionAsync(stream, cancellationToken));
        }

        var head = new StreamHead(last.Version, last.Hash);
        var length = long.Parse(appended.BlobAppendOffset, System.Globalization.CultureInfo.InvariantCulture) + block.Length;
        var written = new StreamPosition(position.Segment, length, appended.BlobCommittedBlockCount, appended.ETag, false, head, appended.LastModified, false);
        return (true, written.Blocks % CacheHeadEveryBlocks == 0 ? await CacheHeadAsync(segment, written, cancellationToken) : written);
    }

    /// <summary>
    /// Caches the head in the current segment's metadata when it lags, seals the segment (so no
    /// writer still aiming at it can append) and creates the next, empty. Null when another writer
    /// moved first; a crash between the writes leaves a sealed segment or an empty one, which the
    /// next writer and every reader step over.
    /// </summary>
    private async Task<StreamPosition?> TryStartSegmentAsync(string stream, StreamPosition position, CancellationToken cancellationToken)
    {
        if (position.Segment > 0 && !position.Sealed)
        {
            var current = _container.Client.GetAppendBlobClient(BlobNames.Segment(stream, position.Segment));
            try
            {
                // A sealed segment never changes, so its cached head lets readers that skip to a
                // later version pass it without a download.
                var etag = position.ETag;
                if (!position.HeadCached)
                {
                    var metadata = HeadMetadata.Write(position.Head, position.Length, position.Blocks, position.UpdatedAt);
                    etag = (await current.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = etag }, cancellationToken)).Value.ETag;
                }

                await current.SealAsync(new AppendBlobRequestConditions { IfMatch = etag, IfAppendPositionEqual = position.Length }, cancellationToken);
            }
            catch (RequestFailedException e) when (IsPreconditionFailure(e))
            {
                return null;
            }
        }

        var number = position.Segment + 1;
        try
        {
            var created = await _container.Client.GetAppendBlobClient(BlobNames.Segment(stream, number)).CreateAsync(new AppendBlobCreateOptions
            {
                Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
            }, cancellationToken);
            if (number == 1)
            {
                // A new stream: a catalog window listed before it would not show it.
                _catalogWindows.Clear();
            }

            return new StreamPosition(number, 0, 0, created.Value.ETag, false, position.Head, position.UpdatedAt, true);
        }
        catch (RequestFailedException e) when (IsPreconditionFailure(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Records the new head in the segment's metadata, conditional on the ETag of the append, so
    /// an older head never overwrites a newer one. Only a cache: failing it costs a reader a tail read.
    /// </summary>
    private static async Task<StreamPosition> CacheHeadAsync(AppendBlobClient segment, StreamPosition written, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = HeadMetadata.Write(written.Head, written.Length, written.Blocks, written.UpdatedAt);
            var set = await segment.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = written.ETag }, cancellationToken);
            return written with { ETag = set.Value.ETag, HeadCached = true };
        }
        catch (RequestFailedException e) when (IsPreconditionFailure(e))
        {
            return written;
        }
    }
}
