using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// Keeping the write-ahead log short. SQLite's automatic checkpoints copy the log into the
/// database but never shrink the file, and cannot finish while a reader holds an old snapshot.
/// So the writer truncates the log itself: after an erasure (the erased rows' old page images
/// are in it; the erasure is acknowledged only once they are gone) and when it is idle with a
/// log grown past the limit. Each attempt waits for readers only briefly, so other writers never
/// stall behind it; an attempt that readers block is retried between batches until it succeeds.
/// </summary>
internal sealed partial class GroupCommitWriter
{
    private static readonly TimeSpan CheckpointWaitForReaders = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan CheckpointRetryDelay = TimeSpan.FromMilliseconds(20);

    private readonly List<(EraseRequest Request, long Since)> _erasuresAwaitingCheckpoint = [];
    private readonly string _walPath;
    private readonly long _walSizeLimit;
    private readonly TimeSpan _erasureCheckpointTimeout;
    private readonly long _busyTimeoutMilliseconds;
    private bool _truncateOwed;
    private long _checkpoints;

    /// <summary>How many truncating checkpoints have completed.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    private bool CheckpointOwed => _truncateOwed || _erasuresAwaitingCheckpoint.Count > 0;

    /// <summary>Waits for requests; while a checkpoint is owed, wakes up now and then to try it again. False once closed and drained.</summary>
    private async Task<bool> WaitForWorkAsync()
    {
        if (!CheckpointOwed)
        {
            return await _queue.Reader.WaitToReadAsync().ConfigureAwait(false);
        }

        using var retry = new CancellationTokenSource(CheckpointRetryDelay);
        try
        {
            return await _queue.Reader.WaitToReadAsync(retry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (retry.IsCancellationRequested)
        {
            return true;
        }
    }

    private void AwaitCheckpoint(EraseRequest erase)
    {
        _erasuresAwaitingCheckpoint.Add((erase, Stopwatch.GetTimestamp()));
        _truncateOwed = true;
    }

    private void CheckpointIfOwed(bool idle)
    {
        if (idle && !_truncateOwed && WalLength() > _walSizeLimit)
        {
            _truncateOwed = true;
        }

        if (!CheckpointOwed || (!idle && _erasuresAwaitingCheckpoint.Count == 0))
        {
            return;
        }

        if (TryTruncateWal())
        {
            _truncateOwed = false;
            Interlocked.Increment(ref _checkpoints);
            foreach (var (request, _) in _erasuresAwaitingCheckpoint)
            {
                request.Succeed(0);
            }

            _erasuresAwaitingCheckpoint.Clear();
            return;
        }

        // Readers held the log this time; the erasure's caller is told after a while, and the writer keeps trying.
        _erasuresAwaitingCheckpoint.RemoveAll(waiting =>
        {
            if (Stopwatch.GetElapsedTime(waiting.Since) < _erasureCheckpointTimeout)
            {
                return false;
            }

            waiting.Request.Fail(new IOException(
                $"The stream is erased from the event log's tables, but readers kept its write-ahead log, which may still hold old copies, "
                + $"from being emptied for {_erasureCheckpointTimeout.TotalSeconds:0} s. The log keeps trying; erase again to wait for it."));
            return true;
        });
    }

    /// <summary>One <c>wal_checkpoint(TRUNCATE)</c> that waits for readers only briefly; true when the log was emptied.</summary>
    private bool TryTruncateWal()
    {
        try
        {
            Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)CheckpointWaitForReaders.TotalMilliseconds};"));
            try
            {
                using var checkpoint = _connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                using var reader = checkpoint.ExecuteReader();
                return reader.Read() && reader.GetInt64(0) == 0;
            }
            finally
            {
                Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds};"));
            }
        }
        catch (SqliteException e)
        {
            // A storage fault here is no reason to stop writing; the next attempt may succeed.
            _logger.LogWarning(e, "Checkpointing the SQLite event log's write-ahead log failed; trying again");
            return false;
        }
    }

    private long WalLength()
    {
        try
        {
            return new FileInfo(_walPath).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private void FailErasuresStillWaiting(string why)
    {
        foreach (var (request, _) in _erasuresAwaitingCheckpoint)
        {
            request.Fail(new IOException($"The stream is erased from the event log's tables, but {why}."));
        }

        _erasuresAwaitingCheckpoint.Clear();
    }
}
