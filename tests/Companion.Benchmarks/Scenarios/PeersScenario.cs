using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Benchmarks.Peers;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.AzureStorage.Tests;
using Companion.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Ours beside the peers a .NET user would pick first, in one run: on one Azurite in one silo, a
/// stock <c>JournaledGrain</c> whose log is kept by Orleans' <c>LogStorage</c> (the whole log is
/// the grain state, rewritten at each confirm) or <c>StateStorage</c> (the state and a version) over
/// <c>Microsoft.Orleans.Persistence.AzureStorage</c>'s blob grain storage, and our <c>UserGrain</c>
/// on the Azure Blob event log (encrypted, hash-chained, with its derived state); and Marten's
/// event store on a PostgreSQL the scenario starts itself (<see cref="PostgresServer"/>), beside our
/// <c>UserGrain</c> on SQLite, both durable on the same local disk. First the cost of one append as
/// the history grows, taken in turns so all share the machine's noise; then appends/s with many
/// streams at once.
/// </summary>
public static class PeersScenario
{
    private const string Text = "A small win today: I asked for help and it was fine.";

    public static async Task RunAsync(ScenarioSize size)
    {
        long[] histories = size == ScenarioSize.Smoke ? [100] : [100, 1_000, 10_000];
        var rounds = size == ScenarioSize.Smoke ? 5 : 40;
        await using var azurite = await AzuriteFixture.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        await using var marten = await MartenPeer.CreateAsync(postgres.ConnectionString);
        Report.Note($"Marten's event store on {postgres.Version}, its own cluster (fsync and synchronous_commit on)");
        foreach (var history in histories)
        {
            using var scratch = new TempDirectory();
            var path = scratch.File("events.db");
            var userId = Ids.New("u");
            await HistorySeeder.SeedAsync(path, userId, history, snapshotEvery: 500);
            var container = $"peers{history}";
            await AzureCopy.StreamAsync(path, userId, AzureLog(azurite.ConnectionString, container), perBlock: 100);
            await using var silo = await StartAsync(path, azurite.ConnectionString, container);
            var localPath = scratch.File("local.db"); // ours on SQLite, beside Marten: the same history in a file of its own
            await HistorySeeder.SeedAsync(localPath, userId, history, snapshotEvery: 500);
            await using var local = await BenchSilo.StartAsync(localPath, 500);

            var user = silo.Grains.GetGrain<IUserGrain>(userId);
            var localUser = local.Grains.GetGrain<IUserGrain>(userId);
            var martenStream = Ids.New("peer");
            var logPeer = silo.Grains.GetGrain<ILogStoragePeerGrain>(Ids.New("peer"));
            var statePeer = silo.Grains.GetGrain<IStateStoragePeerGrain>(Ids.New("peer"));
            await SeedAsync("The LogStorage peer grain", history, logPeer.Append, async () => await logPeer.ConfirmedVersion());
            await SeedAsync("The StateStorage peer grain", history, statePeer.Append, async () => await statePeer.ConfirmedVersion());
            await SeedAsync("Marten's stream", history, messages => marten.AppendAsync(martenStream, messages), () => marten.VersionAsync(martenStream));

            // One unmeasured append each: the activations (ours reads its snapshot and tail) are not appends.
            await user.RecordMessage("c_bench", "s_bench", MessageRole.User, Text, null, null);
            await logPeer.Append([Message()]);
            await statePeer.Append([Message()]);
            await localUser.RecordMessage("c_bench", "s_bench", MessageRole.User, Text, null, null);
            await marten.AppendAsync(martenStream, [Message()]);

            Latencies ours = new(), logStorage = new(), stateStorage = new(), oursSqlite = new(), martenAppends = new();
            for (var round = 0; round < rounds; round++)
            {
                var t = Stopwatch.GetTimestamp();
                await user.RecordMessage("c_bench", "s_bench", MessageRole.User, Text, null, null);
                ours.Add(t);
                t = Stopwatch.GetTimestamp();
                await logPeer.Append([Message()]);
                logStorage.Add(t);
                t = Stopwatch.GetTimestamp();
                await statePeer.Append([Message()]);
                stateStorage.Add(t);
                t = Stopwatch.GetTimestamp();
                await localUser.RecordMessage("c_bench", "s_bench", MessageRole.User, Text, null, null);
                oursSqlite.Add(t);
                t = Stopwatch.GetTimestamp();
                await marten.AppendAsync(martenStream, [Message()]);
                martenAppends.Add(t);
            }

            Report.Row($"ms per append at {history:#,0} events of history, p50: ours vs stock LogStorage", ours.PercentileMs(50), "ms", logStorage.PercentileMs(50), higherIsBetter: false);
            Report.Row($"  same, p50: ours vs stock StateStorage", ours.PercentileMs(50), "ms", stateStorage.PercentileMs(50), higherIsBetter: false);
            Report.Row($"  same, p99: ours vs stock LogStorage", ours.PercentileMs(99), "ms", logStorage.PercentileMs(99), higherIsBetter: false);
            Report.Row($"  same, p99: ours vs stock StateStorage", ours.PercentileMs(99), "ms", stateStorage.PercentileMs(99), higherIsBetter: false);
            Report.Row($"  same, p50: ours on SQLite vs Marten on PostgreSQL", oursSqlite.PercentileMs(50), "ms", martenAppends.PercentileMs(50), higherIsBetter: false);
            Report.Row($"  same, p99: ours on SQLite vs Marten on PostgreSQL", oursSqlite.PercentileMs(99), "ms", martenAppends.PercentileMs(99), higherIsBetter: false);
        }

        await ThroughputAsync(azurite.ConnectionString, size);
        await LocalThroughputAsync(marten, size);
    }

    /// <summary>Appends/s with many grains at once, each starting from an empty history, each grain one append at a time.</summary>
    private static async Task ThroughputAsync(string connectionString, ScenarioSize size)
    {
        var grains = size == ScenarioSize.Smoke ? 4 : 32;
        var duration = size == ScenarioSize.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        using var scratch = new TempDirectory();
        await using var silo = await StartAsync(scratch.File("events.db"), connectionString, "peers-throughput");

        var users = await Task.WhenAll(Enumerable.Range(0, grains).Select(_ => NewWriterAsync(silo)));
        var ours = await RunForAsync(duration, users);
        var logStorage = await RunForAsync(duration, Enumerable.Range(0, grains)
            .Select(_ => silo.Grains.GetGrain<ILogStoragePeerGrain>(Ids.New("peer"))).Select(g => (Func<Task>)(() => g.Append([Message()]))).ToArray());
        var stateStorage = await RunForAsync(duration, Enumerable.Range(0, grains)
            .Select(_ => silo.Grains.GetGrain<IStateStoragePeerGrain>(Ids.New("peer"))).Select(g => (Func<Task>)(() => g.Append([Message()]))).ToArray());

        Report.Row($"appends/s, {grains} grains at once for {duration.TotalSeconds:0} s from empty: ours vs stock LogStorage", ours.Rate, "appends/s", logStorage.Rate);
        Report.Row("  same: ours vs stock StateStorage", ours.Rate, "appends/s", stateStorage.Rate);
        Report.Row("  p99 append: ours vs stock LogStorage", ours.Latencies.PercentileMs(99), "ms", logStorage.Latencies.PercentileMs(99), higherIsBetter: false);
        Report.Row("  p99 append: ours vs stock StateStorage", ours.Latencies.PercentileMs(99), "ms", stateStorage.Latencies.PercentileMs(99), higherIsBetter: false);
    }

    /// <summary>
    /// Appends/s with many streams at once on the local disk: our grains on SQLite beside Marten's
    /// streams on PostgreSQL, each stream one append at a time, at 16 and at 256 streams (Marten's
    /// sessions share a pool of 64 connections).
    /// </summary>
    private static async Task LocalThroughputAsync(MartenPeer marten, ScenarioSize size)
    {
        int[] counts = size == ScenarioSize.Smoke ? [4] : [16, 256];
        var duration = size == ScenarioSize.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        foreach (var streams in counts)
        {
            using var scratch = new TempDirectory();
            await using var silo = await BenchSilo.StartAsync(scratch.File("events.db"), 500);
            var users = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => NewWriterAsync(silo)));
            var martenStreams = Enumerable.Range(0, streams).Select(_ => Ids.New("peer"))
                .Select(stream => (Func<Task>)(() => marten.AppendAsync(stream, [Message()]))).ToArray();

            // Ours, Marten, ours, Marten: the machine's noise falls on both alike.
            Latencies oursLatencies = new(), theirLatencies = new();
            var ours = await RunForAsync(duration / 2, users, oursLatencies);
            var theirs = await RunForAsync(duration / 2, martenStreams, theirLatencies);
            var oursAgain = await RunForAsync(duration / 2, users, oursLatencies);
            var theirsAgain = await RunForAsync(duration / 2, martenStreams, theirLatencies);

            Report.Row($"appends/s, {streams} streams at once for {duration.TotalSeconds:0} s: ours on SQLite vs Marten on PostgreSQL",
                (ours.Rate + oursAgain.Rate) / 2, "appends/s", (theirs.Rate + theirsAgain.Rate) / 2);
            Report.Row("  p50 append: ours on SQLite vs Marten on PostgreSQL", oursLatencies.PercentileMs(50), "ms", theirLatencies.PercentileMs(50), higherIsBetter: false);
            Report.Row("  p99 append: ours on SQLite vs Marten on PostgreSQL", oursLatencies.PercentileMs(99), "ms", theirLatencies.PercentileMs(99), higherIsBetter: false);
        }
    }

    /// <summary>A new user with a companion and a session on <paramref name="silo"/>, and how to append one message to it.</summary>
    private static async Task<Func<Task>> NewWriterAsync(BenchSilo silo)
    {
        var user = silo.Grains.GetGrain<IUserGrain>(Ids.New("u"));
        await user.Register("Bench");
        var companion = (await user.CreateCompanion("Sol", Persona.Empty, null)).Id;
        var session = (await user.StartSession(companion, null)).Id;
        return () => user.RecordMessage(companion, session, MessageRole.User, Text, null, null);
    }

    private static async Task<(double Rate, Latencies Latencies)> RunForAsync(TimeSpan duration, Func<Task>[] appenders, Latencies? into = null)
    {
        var latencies = into ?? new Latencies();
        var before = latencies.Count;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(appenders.Select(async append =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var t = Stopwatch.GetTimestamp();
                await append();
                latencies.Add(t);
            }
        }));
        return ((latencies.Count - before) / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);
    }

    /// <summary>
    /// A peer's history, written in batches of 1,000 (one confirm or transaction each, so seeding
    /// LogStorage stays linear), then checked by the version the peer reports.
    /// </summary>
    private static async Task SeedAsync(string peer, long history, Func<IReadOnlyList<PeerMessage>, Task> append, Func<Task<long>> version)
    {
        for (var written = 0L; written < history; written += 1_000)
        {
            await append([.. Enumerable.Range(0, (int)Math.Min(1_000, history - written)).Select(_ => Message())]);
        }

        if (await version() is var held && held != history)
        {
            throw new InvalidOperationException($"{peer} holds {held} events, not {history}.");
        }
    }

    private static PeerMessage Message() => new(Ids.New("msg"), Text, DateTimeOffset.UtcNow);

    private static AzureBlobEventLog AzureLog(string connectionString, string container) =>
        new(new AzureBlobEventLogOptions { ConnectionString = connectionString, ContainerName = container });

    private static Task<BenchSilo> StartAsync(string path, string connectionString, string container) =>
        BenchSilo.StartAsync(path, 500, services => services.AddSingleton<IEventLog>(AzureLog(connectionString, container)), silo => silo.AddStockPeers(connectionString));
}
