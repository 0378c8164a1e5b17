using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.History;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Where loading the newest snapshot goes, step by step (median of 5 each): reading it from the
/// log, decrypting it, reading its binary state; and for comparison the same state read from its
/// JSON, the form snapshots had before state schema 8.
/// </summary>
public static class ActivationBreakdown
{
    public static async Task RunAsync(string path, string userId, long events)
    {
        await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = path });
        using var cipher = await BenchKeys.For(path).OpenAsync(userId) ?? throw new InvalidOperationException("The user has no key.");
        var snapshot = await log.LoadNewestSnapshotAsync(userId) ?? throw new InvalidOperationException("The user has no snapshot.");
        var clear = PayloadCipher.Reveal(snapshot, cipher);
        var state = UserStateBinary.Deserialize(clear);
        var json = UserStateJson.Serialize(state);

        await RowAsync(events, $"read the snapshot from SQLite ({snapshot.State.Length / 1024.0:#,0} KiB stored)", async () => await log.LoadNewestSnapshotAsync(userId));
        await RowAsync(events, "decrypt it (AES-GCM)", () => Task.FromResult(PayloadCipher.Reveal(snapshot, cipher)));
        await RowAsync(events, $"read its binary state ({clear.Length / 1024.0:#,0} KiB)", () => Task.FromResult(UserStateBinary.Deserialize(clear)));
        await RowAsync(events, $"for comparison: the same state from its JSON ({json.Length / 1024.0:#,0} KiB)", () => Task.FromResult(UserStateJson.Deserialize(json)));
    }

    private static async Task RowAsync<T>(long events, string step, Func<Task<T>> run)
    {
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = await run();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Report.Row($"  breakdown, {events:#,0} events: {step}", samples.Order().ElementAt(samples.Count / 2), "ms");
    }
}
