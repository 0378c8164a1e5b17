using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Grains;
using Companion.History;
using Microsoft.Data.Sqlite;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Many users writing messages concurrently through <see cref="UserGrain"/> on the SQLite log,
/// beside raw batched inserts of the same envelope rows into SQLite on the same disk with the
/// same durability (WAL, synchronous=FULL): the limit our append path can approach.
/// </summary>
public static class AppendScenario
{
    private const string Text = "I noticed I reached for reassurance again tonight, and this time I waited a minute first.";

    public static Task RunAsync(ScenarioSize size) => RunAsync(size, withBaselines: true);

    /// <summary>The grain part alone, to run under a profiler (<c>append-grain</c>).</summary>
    public static Task RunGrainOnlyAsync(ScenarioSize size) => RunAsync(size, withBaselines: false);

    private static async Task RunAsync(ScenarioSize size, bool withBaselines)
    {
        var users = size == ScenarioSize.Smoke ? 20 : 1_000;
        var duration = size == ScenarioSize.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(15);
        var rawEvents = size == ScenarioSize.Smoke ? 2_000 : 300_000;
        using var scratch = new TempDirectory();

        var envelopes = withBaselines ? SealedEnvelopes(rawEvents) : [];
        var strongSpent = RunCounters.Now();
        double? strong = withBaselines ? StrongBaseline(scratch.File("strong.db"), envelopes, batchSize: 16_384) : null;
        strongSpent = RunCounters.Since(strongSpent);
        double? raw = withBaselines ? RawBatchedInserts(scratch.File("raw.db"), envelopes, batchSize: 512) : null;
        var commits = withBaselines ? CommitLatencies(scratch.File("commits.db"), envelopes, size == ScenarioSize.Smoke ? 50 : 2_000) : null;

        await using var silo = await BenchSilo.StartAsync(scratch.File("events.db"));
        var sessions = await Task.WhenAll(Enumerable.Range(0, users).Select(_ => NewSessionAsync(silo.Grains)));

        var peakSpent = RunCounters.Now();
        var peak = await ClosedLoopAsync(sessions, duration);
        peakSpent = RunCounters.Since(peakSpent);
        var halfSpent = RunCounters.Now();
        var half = await OpenLoopAsync(sessions, peak.Rate / 2, duration, TimeSpan.FromMilliseconds(1));
        halfSpent = RunCounters.Since(halfSpent);
        var bursts = await OpenLoopAsync(sessions, peak.Rate / 2, duration, TimeSpan.FromMilliseconds(10));

        Report.Row($"append events/s, {users} users through UserGrain (vs the strong baseline: the fastest durable insert of the same bytes)", peak.Rate, "events/s", strong);
        Report.Row("  same, vs the old baseline (our table, 512 rows a transaction)", peak.Rate, "events/s", raw);
        // CPU time and bytes allocated per event, the whole process (every thread): what bounds
        // the rate on 2 cores, and what the collector must clean up, however the run's wall clock
        // was disturbed by the machine's other work.
        Report.Row("  CPU per event at peak, whole process (vs the strong baseline's)", peakSpent.Cpu.TotalMicroseconds / peak.Latencies.Count, "µs",
            withBaselines ? strongSpent.Cpu.TotalMicroseconds / envelopes.Count : null, higherIsBetter: false);
        Report.Row("  bytes allocated per event at peak, whole process (vs the strong baseline's)", (double)peakSpent.AllocatedBytes / peak.Latencies.Count, "B",
            withBaselines ? (double)strongSpent.AllocatedBytes / envelopes.Count : null, higherIsBetter: false);
        Report.Row($"  GC at peak: paused in total (collections of gen0+ / gen1+ / gen2: {peakSpent.Collections})", peakSpent.Paused.TotalMilliseconds, "ms");
        Report.Row("confirm latency p50 at peak", peak.Latencies.PercentileMs(50), "ms");
        Report.Row("confirm latency p99 at peak", peak.Latencies.PercentileMs(99), "ms");
        Report.Row($"confirm latency p50 at half the peak rate ({peak.Rate / 2:0} events/s offered in 1 ms ticks, {half.Rate:0} done)", half.Latencies.PercentileMs(50), "ms");
        Report.Row("confirm latency p99 at half the peak rate", half.Latencies.PercentileMs(99), "ms");
        Report.Row($"  GC pauses meanwhile, in total (collections of gen0+ / gen1+ / gen2: {halfSpent.Collections})", halfSpent.Paused.TotalMilliseconds, "ms");
        Report.Row("  CPU per event at half the peak", halfSpent.Cpu.TotalMicroseconds / half.Latencies.Count, "µs");
        Report.Row("  bytes allocated per event at half the peak", (double)halfSpent.AllocatedBytes / half.Latencies.Count, "B");
        Report.Row($"  same rate offered in 10 ms bursts ({bursts.Rate:0} done): p50", bursts.Latencies.PercentileMs(50), "ms");
        Report.Row("  same rate offered in 10 ms bursts: p99", bursts.Latencies.PercentileMs(99), "ms");
        if (commits is not null)
        {
            Report.Row($"  the disk's floor: one durable commit of one row, {commits.Count:N0} in a row, p50", commits.PercentileMs(50), "ms");
            Report.Row("  the disk's floor, p99", commits.PercentileMs(99), "ms");
        }
    }

    private static async Task<(IUserGrain User, string Companion, string Session)> NewSessionAsync(IGrainFactory grains)
    {
        var user = grains.GetGrain<IUserGrain>(Ids.New("u"));
        await user.Register("Bench");
        var companion = await user.CreateCompanion("Sol", Persona.Empty with { Description = "steady" }, null);
        var session = await user.StartSession(companion.Id, null);
        return (user, companion.Id, session.Id);
    }

    private static async Task<(double Rate, Latencies Latencies)> ClosedLoopAsync(
        (IUserGrain User, string Companion, string Session)[] sessions, TimeSpan duration)
    {
        var latencies = new Latencies();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(sessions.Select(async s =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var t = Stopwatch.GetTimestamp();
                await s.User.RecordMessage(s.Companion, s.Session, MessageRole.User, Text, null, null);
                latencies.Add(t);
            }
        }));
        return (latencies.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);
    }

    /// <summary>
    /// Offers a fixed rate regardless of how fast answers come (open loop): every <paramref name="tick"/>,
    /// what is due since the last. At 1 ms the arrivals are spread as independent users' would be;
    /// at 10 ms they come in bursts of a hundredth of a second's worth at once (the earlier form).
    /// </summary>
    private static async Task<(double Rate, Latencies Latencies)> OpenLoopAsync(
        (IUserGrain User, string Companion, string Session)[] sessions, double rate, TimeSpan duration, TimeSpan tick)
    {
        var latencies = new Latencies();
        var inFlight = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        var sent = 0L;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var s = sessions[sent % sessions.Length];
                var t = Stopwatch.GetTimestamp();
                inFlight.Add(s.User.RecordMessage(s.Companion, s.Session, MessageRole.User, Text, null, null)
                    .ContinueWith(_ => latencies.Add(t), TaskScheduler.Default));
            }

            await Task.Delay(tick);
        }

        await Task.WhenAll(inFlight);
        return (latencies.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);
    }

    /// <summary>The rows both baselines insert: our envelopes with payloads encrypted as ours are (the same size on disk), sealed in advance, 1,000 streams interleaved.</summary>
    private static List<EventEnvelope> SealedEnvelopes(int count)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var streams = Enumerable.Range(0, 1_000).Select(_ => Ids.New("u")).ToArray();
        var heads = streams.ToDictionary(s => s, _ => StreamHead.Empty);
        var envelopes = new List<EventEnvelope>(count);
        using var cipher = new PayloadCipher("bench", MasterKeyRing.NewKey());
        for (var i = 0; i < count; i++)
        {
            var stream = streams[i % streams.Length];
            var data = registry.ToData(new MessageRecorded("c_bench", "s_bench", Ids.New("msg"), MessageRole.User, Text, null, null, DateTimeOffset.UtcNow));
            data = data with { Payload = cipher.EncryptPayload(heads[stream].Version + 1, data.Payload.Span) };
            var envelope = EnvelopeChain.Seal(stream, heads[stream], [data])[0];
            heads[stream] = new StreamHead(envelope.Version, envelope.Hash);
            envelopes.Add(envelope);
        }

        return envelopes;
    }

    /// <summary>
    /// The strong baseline: the fastest durable insert of the same envelope bytes found on this
    /// disk, with the same durability (WAL, synchronous=FULL). A rowid table appends at the end of
    /// its b-tree; the unique (stream, version) index keeps what the log must guarantee; streams
    /// are integer ids, hashes 32 raw bytes and times 64-bit ticks, so rows are short; and 16,384
    /// rows a transaction spread one sync over many rows. No head table: the index answers heads.
    /// </summary>
    private static double StrongBaseline(string path, List<EventEnvelope> envelopes, int batchSize)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE events (stream_id INTEGER NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL, payload BLOB NOT NULL, previous_hash BLOB NOT NULL, hash BLOB NOT NULL);
            CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version);
            """);
        var streamIds = new Dictionary<string, long>(StringComparer.Ordinal);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO events (stream_id, version, type, schema_version, occurred_at, payload, previous_hash, hash) VALUES ($s, $v, $t, $sv, $o, $p, $ph, $h)";
        var parameters = new[] { "$s", "$v", "$t", "$sv", "$o", "$p", "$ph", "$h" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        insert.Prepare();

        var started = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < envelopes.Count; offset += batchSize)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = offset; i < Math.Min(offset + batchSize, envelopes.Count); i++)
            {
                var e = envelopes[i];
                if (!streamIds.TryGetValue(e.Stream, out var id))
                {
                    streamIds[e.Stream] = id = streamIds.Count + 1;
                }

                parameters[0].Value = id;
                parameters[1].Value = e.Version;
                parameters[2].Value = e.Type;
                parameters[3].Value = e.SchemaVersion;
                parameters[4].Value = e.OccurredAt.UtcTicks;
                parameters[5].Value = e.Payload.ToArray();
                parameters[6].Value = Convert.FromHexString(e.PreviousHash);
                parameters[7].Value = Convert.FromHexString(e.Hash);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return envelopes.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// The old baseline: the same rows into our schema before script 0003 (text stream ids, hashes
    /// and times in a <c>WITHOUT ROWID</c> table, a head row per stream), 512 a transaction.
    /// </summary>
    private static double RawBatchedInserts(string path, List<EventEnvelope> envelopes, int batchSize)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE events (stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
                occurred_at TEXT NOT NULL, idempotency_key TEXT NULL, payload BLOB NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL,
                PRIMARY KEY (stream, version)) WITHOUT ROWID;
            CREATE TABLE streams (stream TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, head_hash TEXT NOT NULL, updated_at TEXT NOT NULL);
            """);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO events (stream, version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash) VALUES ($s, $v, $t, $sv, $o, NULL, $p, $ph, $h)";
        var parameters = new[] { "$s", "$v", "$t", "$sv", "$o", "$p", "$ph", "$h" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO streams (stream, version, head_hash, updated_at) VALUES ($s, $v, $h, $u) ON CONFLICT(stream) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash, updated_at = excluded.updated_at";
        var upsertParameters = new[] { "$s", "$v", "$h", "$u" }.Select(n => upsert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

        var started = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < envelopes.Count; offset += batchSize)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            upsert.Transaction = transaction;
            foreach (var e in envelopes.Skip(offset).Take(batchSize))
            {
                parameters[0].Value = e.Stream;
                parameters[1].Value = e.Version;
                parameters[2].Value = e.Type;
                parameters[3].Value = e.SchemaVersion;
                parameters[4].Value = EnvelopeJson.FormatTime(e.OccurredAt);
                parameters[5].Value = e.Payload.ToArray();
                parameters[6].Value = e.PreviousHash;
                parameters[7].Value = e.Hash;
                insert.ExecuteNonQuery();
                upsertParameters[0].Value = e.Stream;
                upsertParameters[1].Value = e.Version;
                upsertParameters[2].Value = e.Hash;
                upsertParameters[3].Value = EnvelopeJson.FormatTime(e.OccurredAt);
                upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return envelopes.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// The latency floor under a confirm: one durable commit (WAL, synchronous=FULL) of one
    /// envelope row at a time, nothing else running in this process. An append confirmed at a
    /// moderate rate waits at least for one of these, and at worst for one in flight before its own.
    /// </summary>
    private static Latencies CommitLatencies(string path, List<EventEnvelope> envelopes, int count)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE events (stream_id INTEGER NOT NULL, version INTEGER NOT NULL, payload BLOB NOT NULL, hash BLOB NOT NULL);
            CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version);
            """);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO events (stream_id, version, payload, hash) VALUES (1, $v, $p, $h)";
        var version = insert.Parameters.Add(new SqliteParameter { ParameterName = "$v" });
        var payload = insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
        var hash = insert.Parameters.Add(new SqliteParameter { ParameterName = "$h" });
        insert.Prepare();
        var latencies = new Latencies();
        for (var i = 0; i < count; i++)
        {
            var e = envelopes[i % envelopes.Count];
            var t = Stopwatch.GetTimestamp();
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            version.Value = i + 1;
            payload.Value = e.Payload.ToArray();
            hash.Value = Convert.FromHexString(e.Hash);
            insert.ExecuteNonQuery();
            transaction.Commit();
            latencies.Add(t);
        }

        return latencies;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
