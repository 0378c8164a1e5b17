using System.Runtime.CompilerServices;
using Companion.EventLog;

namespace Companion.Testing.Storage;

/// <summary>
/// An event log in process memory, for unit tests of grain logic. Same contract and checks as
/// the durable providers; nothing survives the process.
/// </summary>
public sealed class InMemoryEventLog(TimeProvider? clock = null) : IEventLog
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, List<EventEnvelope>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedList<long, Snapshot>> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _updatedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        AppendChecks.ThrowIfInvalid(stream, expectedVersion, envelopes);
        lock (_gate)
        {
            var events = _streams.TryGetValue(stream, out var existing) ? existing : [];
            var head = events.Count == 0 ? StreamHead.Empty : new StreamHead(events[^1].Version, events[^1].Hash);
            AppendChecks.ThrowIfConflict(stream, expectedVersion, head, envelopes);
            events.AddRange(envelopes);
            _streams[stream] = events;
            _updatedAt[stream] = _clock.GetUtcNow();
            return Task.FromResult(events[^1].Version);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EventEnvelope[] copy;
        lock (_gate)
        {
            copy = _streams.TryGetValue(stream, out var events)
                ? events.Skip((int)Math.Max(0, fromVersion - 1)).ToArray()
                : [];
        }

        foreach (var envelope in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return envelope;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_streams.TryGetValue(stream, out var events) && events.Count > 0
                ? new StreamHead(events[^1].Version, events[^1].Hash)
                : StreamHead.Empty);
        }
    }

    /// <inheritdoc />
    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(snapshot.Stream, out var list))
            {
                _snapshots[snapshot.Stream] = list = [];
            }

            if (list.Count == 0 || snapshot.Version > list.Keys[^1])
            {
                list[snapshot.Version] = snapshot with { State = snapshot.State.ToArray() };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Snapshot?> LoadNewestSnapshotAsync(string stream, CancellationToken cancellationToken = default) =>
        LoadSnapshotAtOrBeforeAsync(stream, long.MaxValue, cancellationToken);

    /// <inheritdoc />
    public Task<Snapshot?> LoadSnapshotAtOrBeforeAsync(string stream, long version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_snapshots.TryGetValue(stream, out var list)
                ? list.Values.LastOrDefault(s => s.Version <= version)
                : null);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<StreamInfo> page;
        lock (_gate)
        {
            page = _streams
                .Where(s => s.Value.Count > 0 && (after is null || string.CompareOrdinal(s.Key, after) > 0))
                .Take(limit)
                .Select(s => new StreamInfo(s.Key, s.Value[^1].Version, s.Value[^1].Hash, _updatedAt[s.Key]))
                .ToList();
        }

        foreach (var info in page)
        {
            yield return info;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task EraseStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _streams.Remove(stream);
            _snapshots.Remove(stream);
            _updatedAt.Remove(stream);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
