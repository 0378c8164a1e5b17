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
/// log, decrypting it, reading its binary state; and for comparison the same state read from its
/// JSON, the form snapshots had before state schema 8. Then the state read warmed, side by side
/// with the same bytes read by Orleans' stock codecs (how snapshots were read before the state's
/// sorted dictionaries were built from their stored order), alternating, so load hits both alike.
/// </summary>
public static class ActivationBreakdown
{
    private const int WarmUps = 20;

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

        var stock = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(UserState).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<UserState>>();
        var body = clear[4..];
        var (ours, theirs) = (new List<double>(), new List<double>());
        for (var i = 0; i < WarmUps + 9; i++)
        {
            var oursMs = Time(() => UserStateBinary.Deserialize(clear));
            var theirsMs = Time(() => stock.Deserialize(body));
            if (i >= WarmUps)
            {
                ours.Add(oursMs);
                theirs.Add(theirsMs);
            }
        }

        Report.Row($"  breakdown, {events:#,0} events: read its binary state, warmed (median of 9 after {WarmUps}; vs Orleans' stock codecs, alternating)", Median(ours), "ms", Median(theirs), higherIsBetter: false);
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

        Report.Row($"  breakdown, {events:#,0} events: {step}", Median(samples), "ms");
    }

    private static double Time(Func<UserState?> read)
    {
        var started = Stopwatch.GetTimestamp();
        _ = read() ?? throw new InvalidOperationException("The state read as null.");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
