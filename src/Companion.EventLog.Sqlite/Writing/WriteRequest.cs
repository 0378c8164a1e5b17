namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// One caller's write, waiting in the writer's queue. It can be cancelled until the writer takes
/// it; once taken, it is committed or failed with its batch, whatever the caller's token says.
/// </summary>
internal abstract class WriteRequest
{
    private const int Pending = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;
    private int _state = Pending;

    /// <summary>Completes after the batch holding this request commits (or fails).</summary>
    public Task<long> Completion => _completion.Task;

    /// <summary>Cancels the request if <paramref name="cancellationToken"/> fires before the writer takes it.</summary>
    public void CancelWhilePending(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(() =>
            {
                if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending)
                {
                    _completion.TrySetCanceled(cancellationToken);
                }
            });
        }
    }

    /// <summary>Claims the request for the writer; false when the caller already cancelled it.</summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Pending) != Pending)
        {
            return false;
        }

        _cancellation.Unregister();
        return true;
    }

    /// <summary>Acknowledges the request.</summary>
    public void Succeed(long result) => _completion.TrySetResult(result);

    /// <summary>Fails the request.</summary>
    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
