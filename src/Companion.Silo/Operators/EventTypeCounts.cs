using System.Collections.Concurrent;
using System.Collections.Immutable;
using Companion.EventLog;

namespace Companion.Silo.Operators;

/// <summary>
/// How many events of each type a user's stream holds. Counted by reading the stream's envelopes
/// (their type only; payloads are never looked at) and remembered per user, so the next request
/// reads only what was appended since. The memory is bounded: past <see cref="MaxUsers"/> users it starts over.
/// </summary>
public sealed class EventTypeCounts(IEventLog log)
{
    public const int MaxUsers = 1000;

    private readonly ConcurrentDictionary<string, Counted> _counted = new(StringComparer.Ordinal);

    public async Task<ImmutableSortedDictionary<string, long>> CountAsync(string userId, long headVersion, CancellationToken cancellationToken)
    {
        var counted = _counted.TryGetValue(userId, out var known) && known.Version <= headVersion
            ? known
            : new Counted(0, ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));
        if (counted.Version == headVersion)
        {
            return counted.ByType;
        }

        var byType = counted.ByType.ToBuilder();
        var version = counted.Version;
        await foreach (var envelope in log.ReadAsync(userId, version + 1, cancellationToken))
        {
            byType[envelope.Type] = byType.GetValueOrDefault(envelope.Type) + 1;
            version = envelope.Version;
            if (version >= headVersion)
            {
                break;
            }
        }

        if (_counted.Count >= MaxUsers)
        {
            _counted.Clear();
        }

        var result = new Counted(version, byType.ToImmutable());
        _counted[userId] = result;
        return result.ByType;
    }

    private sealed record Counted(long Version, ImmutableSortedDictionary<string, long> ByType);
}
