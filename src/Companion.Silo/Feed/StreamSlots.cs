using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Feed;

/// <summary>Counts each user's open live streams on this silo, so one user cannot hold all of its connections.</summary>
public sealed class StreamSlots(IOptions<EventStreamOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Limit => options.Value.MaxStreamsPerUser;

    /// <summary>Takes a slot; null when the user already has <see cref="Limit"/> streams open here. Dispose to give it back.</summary>
    public IDisposable? TryTake(string userId)
    {
        while (true)
        {
            var open = _open.GetOrAdd(userId, 0);
            if (open >= Limit)
            {
                return null;
            }

            if (_open.TryUpdate(userId, open + 1, open))
            {
                return new Slot(this, userId);
            }
        }
    }

    private void Release(string userId)
    {
        while (true)
        {
            var open = _open[userId];
            if (open <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(userId, open)) : _open.TryUpdate(userId, open - 1, open))
            {
                return;
            }
        }
    }

    private sealed class Slot(StreamSlots slots, string userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(userId);
            }
        }
    }
}
