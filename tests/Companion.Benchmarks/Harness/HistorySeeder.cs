using System.Diagnostics;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Sqlite;
using Companion.History;

namespace Companion.Benchmarks.Harness;

/// <summary>Long histories for benchmarks, written straight into the SQLite log.</summary>
public static class HistorySeeder
{
    /// <summary>
    /// Writes a history as the grain would: payloads encrypted with the user's key, sealed envelopes
    /// in order, and an encrypted snapshot at the last multiple of <paramref name="snapshotEvery"/>.
    /// Only that newest snapshot is written (the grain reads no other): writing one every
    /// <paramref name="snapshotEvery"/> events serializes a state that grows with the history each
    /// time, which made seeding a million events quadratic.
    /// </summary>
    public static async Task<double> SeedAsync(string path, string userId, long count, int snapshotEvery)
    {
        var started = Stopwatch.GetTimestamp();
        var registry = EventTypeRegistry.ForUserEvents();
        await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = path });
        using var cipher = await BenchKeys.For(path).OpenOrCreateAsync(userId);
        var state = UserState.Empty;
        var head = StreamHead.Empty;
        var at = DateTimeOffset.UtcNow.AddDays(-365);
        var batch = new List<UserEvent>();
        var lastSnapshot = count / snapshotEvery * snapshotEvery;
        for (var version = 1L; version <= count; version++)
        {
            at = at.AddSeconds(10);
            batch.Add(version switch
            {
                1 => new UserRegistered(userId, "Bench", at),
                2 => new CompanionCreated("c_bench", "Sol", Persona.Empty with { Description = "steady" }, null, at),
                3 => new SessionStarted("c_bench", "s_bench", null, at),
                _ when version % 50 == 0 => new MemoryRecorded("c_bench", $"m_{version}", "A moment of connection worth keeping.", "moment", 0.5, false, null, at),
                _ => new MessageRecorded("c_bench", "s_bench", $"msg_{version}", version % 2 == 0 ? MessageRole.User : MessageRole.Companion,
                    "Tonight I named what I felt before reaching for reassurance.", null, null, at),
            });

            if (batch.Count == 1_000 || version == count || version % snapshotEvery == 0)
            {
                var first = head.Version + 1;
                var envelopes = EnvelopeChain.Seal(userId, head, batch.Select((e, i) =>
                {
                    var data = registry.ToData(e);
                    return data with { Payload = cipher.EncryptPayload(first + i, data.Payload.Span) };
                }));
                await log.AppendAsync(userId, head.Version, envelopes);
                state = batch.Aggregate(state, UserStateApply.Apply);
                head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
                batch.Clear();
                if (version == lastSnapshot)
                {
                    var encrypted = cipher.EncryptSnapshot(head.Version, UserState.SchemaVersion, UserStateBinary.Serialize(state));
                    await log.SaveSnapshotAsync(new Snapshot(userId, head.Version, head.Hash, UserState.SchemaVersion, encrypted, at));
                }
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
