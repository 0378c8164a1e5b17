using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.State;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Where loading the newest snapshot goes, step by step (median of 5 each): reading it from the
/// log, decrypting it, reading its state; and for comparison the same state through Orleans'
/// binary serializer.
/// </summary>
public static class ActivationBreakdown
{
    public static async Task RunAsync(string path, string userId, long events)
    {
        await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = path });
        using var cipher = await BenchKeys.For(path).OpenAsync(userId) ?? throw new InvalidOperationException("The user has no key.");
        var snapshot = await log.LoadNewestSnapshotAsync(userId) ?? throw new InvalidOperationException("The user has no snapshot.");
        var clear = PayloadCipher.Reveal(snapshot, cipher);
        var state = UserStateJson.Deserialize(clear.Span);
        var orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<UserState>>();
        var binary = orleans.SerializeToArray(state);

        await RowAsync(events, $"read the snapshot from SQLite ({snapshot.State.Length / 1024.0:#,0} KiB stored)", async () => await log.LoadNewestSnapshotAsync(userId));
        await RowAsync(events, "decrypt it (base64 + AES-GCM)", () => Task.FromResult(PayloadCipher.Reveal(snapshot, cipher)));
        await RowAsync(events, $"read its state JSON ({clear.Length / 1024.0:#,0} KiB)", () => Task.FromResult(UserStateJson.Deserialize(clear.Span)));
        await RowAsync(events, $"for comparison: the same state through Orleans' serializer ({binary.Length / 1024.0:#,0} KiB)", () => Task.FromResult(orleans.Deserialize(binary)));
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
