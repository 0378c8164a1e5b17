namespace Companion.Grains;

/// <summary>
/// The user grain's side of the change feed: it says when the log grew, after the append is
/// durable and without waiting for anyone, to live streams (<see cref="WaitForVersion"/>) and
/// to the host's <see cref="IAppendListener"/> (webhook delivery, in the silo).
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>The longest a <see cref="WaitForVersion"/> may wait: well inside Orleans' response timeout.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    private TaskCompletionSource _grew = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<long> WaitForVersion(long after, TimeSpan timeout)
    {
        var deadline = clock.GetUtcNow() + (timeout < MaxWait ? timeout : MaxWait);
        while (Version <= after && _erasedAt is null)
        {
            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var grew = _grew.Task;
            if (await Task.WhenAny(grew, Task.Delay(remaining, clock)) != grew)
            {
                break;
            }
        }

        return Version;
    }

    /// <summary>
    /// Wakes every waiting stream and tells the user's webhook delivery, one way: neither can slow
    /// or fail the command that appended.
    /// </summary>
    private void AnnounceGrowth()
    {
        var grew = _grew;
        _grew = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        grew.TrySetResult();
        if (Version > 0)
        {
            appendListener?.Appended(UserId, Version);
        }
    }
}
