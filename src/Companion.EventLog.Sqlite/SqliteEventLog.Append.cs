using Companion.EventLog.Sqlite.Writing;

namespace Companion.EventLog.Sqlite;

public sealed partial class SqliteEventLog
{
    /// <inheritdoc />
    /// <remarks>
    /// The append waits in the writer's queue and is committed together with whatever else is
    /// queued. Cancelling works until the writer takes it; after that the write completes.
    /// </remarks>
    public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        AppendChecks.ThrowIfInvalid(stream, expectedVersion, envelopes);
        return Enqueue(new AppendRequest(stream, expectedVersion, envelopes), cancellationToken);
    }

    private Task<long> Enqueue(WriteRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<long>(cancellationToken);
        }

        ThrowIfDisposed();
        request.CancelWhilePending(cancellationToken);
        return _writer.TryEnqueue(request)
            ? request.Completion
            : throw new ObjectDisposedException(GetType().FullName);
    }
}
