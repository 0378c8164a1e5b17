using System.Diagnostics;
using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.Sqlite;

namespace Companion.Benchmarks.Harness;

/// <summary>Seeded SQLite histories moved onto the Azure Blob log, so Azure scenarios need not seed through the network.</summary>
public static class AzureCopy
{
    /// <summary>The stream and its newest snapshot, appended to <paramref name="target"/> <paramref name="perBlock"/> envelopes per block; answers the seconds it took.</summary>
    public static async Task<double> StreamAsync(string sqlitePath, string userId, AzureBlobEventLog target, int perBlock)
    {
        var started = Stopwatch.GetTimestamp();
        await using var source = new SqliteEventLog(new SqliteEventLogOptions { DataSource = sqlitePath });
        var batch = new List<EventEnvelope>();
        await foreach (var envelope in source.ReadAsync(userId))
        {
            batch.Add(envelope);
            if (batch.Count == perBlock)
            {
                await target.AppendAsync(userId, batch[0].Version - 1, batch);
                batch = [];
            }
        }

        if (batch.Count > 0)
        {
            await target.AppendAsync(userId, batch[0].Version - 1, batch);
        }

        if (await source.LoadNewestSnapshotAsync(userId) is { } snapshot)
        {
            await target.SaveSnapshotAsync(snapshot);
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
