namespace Companion.EventLog;

/// <summary>
/// Something a storage provider creates on first use (a container, a table): created once, by
/// whichever caller gets there first, while the others wait for the same attempt; a failed or
/// cancelled attempt (a disk or an account not there yet) is tried again by the next caller
/// instead of failing every later one.
/// </summary>
/// <param name="create">Creates the thing; it must be safe to run again after a failure.</param>
public sealed class CreateOnce(Func<Task> create)
{
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>Completes when the thing exists; <paramref name="cancellationToken"/> stops only this caller's wait.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            lock (_gate)
            {
                created = _created;
                if (created is null || created.IsFaulted || created.IsCanceled)
                {
                    _created = created = create();
                }
            }
        }

        return created.WaitAsync(cancellationToken);
    }
}
