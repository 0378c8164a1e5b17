using System.Runtime.CompilerServices;
using Companion.EventLog;

namespace Companion.Grains.Tests;

/// <summary>
/// Passes everything to a real log, except the faults a test arms: appends that fail before
/// writing, appends whose answer is lost after writing, and heads that cannot be read.
/// </summary>
public sealed class FaultyEventLog(IEventLog inner) : IEventLog
{
    private int _failBeforeWrite;
    private int _loseAnswerAfterWrite;
    private int _failHeads;
    private ReadHold? _hold;

    public void FailNextAppendsBeforeWriting(int count) => Volatile.Write(ref _failBeforeWrite, count);

    public void LoseNextAppendAnswersAfterWriting(int count) => Volatile.Write(ref _loseAnswerAfterWrite, count);

    public void FailNextHeadReads(int count) => Volatile.Write(ref _failHeads, count);

    /// <summary>
    /// Holds the next read of <paramref name="stream"/> after it has its first envelope and before
    /// it hands it on, until <see cref="ReadHold.Release"/>: a reader caught mid-read.
    /// </summary>
    public ReadHold HoldNextRead(string stream)
    {
        var hold = new ReadHold(stream);
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        if (Take(ref _failBeforeWrite))
        {
            throw new IOException("Injected: storage unreachable before the write.");
        }

        var version = await inner.AppendAsync(stream, expectedVersion, envelopes, cancellationToken);
        return Take(ref _loseAnswerAfterWrite)
            ? throw new TimeoutException("Injected: the write happened but its answer was lost.")
            : version;
    }

    public Task<StreamHead> GetHeadAsync(string stream, CancellationToken cancellationToken = default) =>
        Take(ref _failHeads) ? throw new IOException("Injected: head unreadable.") : inner.GetHeadAsync(stream, cancellationToken);

    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string stream, long fromVersion = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var envelope in inner.ReadAsync(stream, fromVersion, cancellationToken))
        {
            if (Volatile.Read(ref _hold) is { } hold && hold.Stream == stream && Interlocked.CompareExchange(ref _hold, null, hold) == hold)
            {
                hold.Reached.TrySetResult();
                await hold.Released.Task.WaitAsync(cancellationToken);
            }

            yield return envelope;
        }
    }

    public Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => inner.SaveSnapshotAsync(snapshot, cancellationToken);

    public Task<Snapshot?> LoadNewestSnapshotAsync(string stream, CancellationToken cancellationToken = default) => inner.LoadNewestSnapshotAsync(stream, cancellationToken);

    public Task<Snapshot?> LoadSnapshotAtOrBeforeAsync(string stream, long version, CancellationToken cancellationToken = default) =>
        inner.LoadSnapshotAtOrBeforeAsync(stream, version, cancellationToken);

    public IAsyncEnumerable<StreamInfo> ListStreamsAsync(string? after = null, int limit = 100, CancellationToken cancellationToken = default) =>
        inner.ListStreamsAsync(after, limit, cancellationToken);

    public Task EraseStreamAsync(string stream, CancellationToken cancellationToken = default) => inner.EraseStreamAsync(stream, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}

/// <summary>A read held mid-way: <see cref="Reached"/> completes when the reader is caught, and it goes on after <see cref="Release"/>.</summary>
public sealed class ReadHold(string stream)
{
    public string Stream { get; } = stream;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Released.TrySetResult();
}
