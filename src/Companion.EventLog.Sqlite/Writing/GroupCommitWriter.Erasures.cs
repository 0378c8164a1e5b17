using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// Scrubbing the database file after an erasure. <c>secure_delete</c> zeroes the deleted rows
/// and freed pages, but not the stale copies of rows that earlier page splits and merges left in
/// the unallocated middle of pages still in use (the events table keeps whole rows in its
/// b-tree, so those copies hold payloads). Only rebuilding the file removes them, so a batch that
/// erased runs <c>VACUUM</c> after it commits; the truncating checkpoint that acknowledges the
/// erasure then also empties the vacuum's pages from the write-ahead log.
/// </summary>
internal sealed partial class GroupCommitWriter
{
    /// <summary>Vacuums when the committed batch erased a stream; the failure to give its erasures, or null.</summary>
    private IOException? ScrubIfErased(List<WriteRequest> batch, Outcome[] outcomes)
    {
        var erased = false;
        for (var i = 0; i < batch.Count && !erased; i++)
        {
            erased = batch[i] is EraseRequest && outcomes[i].Conflict is null;
        }

        if (!erased)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var vacuum = _connection.CreateCommand();
            vacuum.CommandText = "VACUUM;";
            vacuum.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            _logger.LogError(e, "Vacuuming the SQLite event log after an erasure failed; the erased rows' old copies may remain until an erasure vacuums again");
            return new IOException(
                $"The stream is erased from the event log's tables, but rebuilding the file to remove old copies of its rows failed ({SqliteStorageFaults.Describe(e)}). Erase again to retry.",
                e);
        }

        _logger.LogInformation("Vacuumed the SQLite event log after an erasure in {Milliseconds} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return null;
    }
}
