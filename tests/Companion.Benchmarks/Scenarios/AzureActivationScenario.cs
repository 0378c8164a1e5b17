using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.AzureStorage.Tests;
using Companion.EventLog.Sqlite;
using Companion.Grains;
using Companion.History;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// The same user on the Azure Blob log and on SQLite, in one run: a cold activation with the
/// snapshot at the head (0 events to replay), the history stored in many small append blocks, so
/// the segment is long and the head its metadata caches lags (or, under 32 blocks, is absent).
/// The catalog's listing is its own scenario, <see cref="AzureCatalogScenario"/>.
/// </summary>
public static class AzureActivationScenario
{
    private const int SnapshotEvery = 500;

    public static async Task RunAsync(ScenarioSize size)
    {
        (long Events, int PerBlock)[] histories = size == ScenarioSize.Smoke ? [(500, 10)] : [(10_000, 10), (100_000, 100)];
        await using var azurite = await AzuriteFixture.StartAsync();
        foreach (var (events, perBlock) in histories)
        {
            using var scratch = new TempDirectory();
            var path = scratch.File("events.db");
            var userId = Ids.New("u");
            await HistorySeeder.SeedAsync(path, userId, events, SnapshotEvery);
            var container = $"activation{events}";
            var copySeconds = await AzureCopy.StreamAsync(path, userId, new AzureBlobEventLog(new AzureBlobEventLogOptions { ConnectionString = azurite.ConnectionString, ContainerName = container }), perBlock);

            double sqliteMs;
            await using (var silo = await BenchSilo.StartAsync(path, SnapshotEvery))
            {
                sqliteMs = await MedianColdActivationMsAsync(silo, userId);
            }

            double azureMs;
            await using (var silo = await BenchSilo.StartAsync(path, SnapshotEvery, services => services.AddSingleton<IEventLog>(new AzureBlobEventLog(new AzureBlobEventLogOptions
                   {
                       ConnectionString = azurite.ConnectionString,
                       ContainerName = container,
                   }))))
            {
                azureMs = await MedianColdActivationMsAsync(silo, userId);
            }

            Report.Row($"azure cold activation, {events:#,0} events, snapshot at the head (first call, median of 5; vs the same user on SQLite)", azureMs, "ms", sqliteMs, higherIsBetter: false);
            var (headMs, readMs, snapshotMs, snapshotBytes) = await LogReadsAsync(azurite.ConnectionString, container, userId);
            Report.Row($"  of which the log: reading after the head / the head itself, {events:#,0} events", readMs, "ms", headMs, higherIsBetter: false);
            Report.Row($"  of which the snapshot ({snapshotBytes / 1024.0:#,0} KiB, grows with the derived state), {events:#,0} events", snapshotMs, "ms");
            var (segmentBytes, wholeMs, roundTripMs) = await SegmentCostsAsync(azurite.ConnectionString, container);
            Report.Note($"copied {events:#,0} events to Azurite, {perBlock} per append block, in {copySeconds:0.0} s; the segment is {segmentBytes / 1024.0 / 1024.0:0.0} MiB");
            Report.Note($"for scale on this Azurite: one small ranged read {roundTripMs:0.0} ms; downloading the whole segment (what a lagging head cost before) {wholeMs:#,0} ms");
        }
    }

    private static async Task<double> MedianColdActivationMsAsync(BenchSilo silo, string userId)
    {
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await silo.DeactivateAllAsync();
            var started = Stopwatch.GetTimestamp();
            var stats = await silo.Grains.GetGrain<IUserGrain>(userId).GetActivationStats();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (stats.ReplayedEvents != 0)
            {
                throw new InvalidOperationException($"The activation replayed {stats.ReplayedEvents} events; the snapshot should be at the head.");
            }
        }

        return samples.Order().ElementAt(samples.Count / 2);
    }

    /// <summary>Medians of 5 on a fresh log: the head, a read after it (what an activation from a snapshot at the head reads of the segment), and loading the newest snapshot.</summary>
    private static async Task<(double HeadMs, double ReadMs, double SnapshotMs, long SnapshotBytes)> LogReadsAsync(string connectionString, string container, string userId)
    {
        var log = new AzureBlobEventLog(new AzureBlobEventLogOptions { ConnectionString = connectionString, ContainerName = container });
        var heads = new List<double>();
        var reads = new List<double>();
        var snapshots = new List<double>();
        long snapshotBytes = 0;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var head = await log.GetHeadAsync(userId);
            heads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await foreach (var unexpected in log.ReadAsync(userId, head.Version + 1))
            {
                throw new InvalidOperationException($"Read version {unexpected.Version} after the head {head.Version}.");
            }

            reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            snapshotBytes = (await log.LoadNewestSnapshotAsync(userId))?.State.Length ?? 0;
            snapshots.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (heads.Order().ElementAt(2), reads.Order().ElementAt(2), snapshots.Order().ElementAt(2), snapshotBytes);
    }

    /// <summary>The user's segment's length, how long downloading it whole takes, and one small ranged read's round trip (medians of 5).</summary>
    private static async Task<(long Bytes, double WholeMs, double RoundTripMs)> SegmentCostsAsync(string connectionString, string container)
    {
        // The container holds the one user's stream, in one segment.
        var client = new Azure.Storage.Blobs.BlobContainerClient(connectionString, container);
        var segment = client.GetBlobs(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "streams/" }).Single();
        var blob = client.GetBlobClient(segment.Name);
        var bytes = (await blob.GetPropertiesAsync()).Value.ContentLength;
        var whole = new List<double>();
        var small = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await blob.DownloadContentAsync();
            whole.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await blob.DownloadContentAsync(new Azure.Storage.Blobs.Models.BlobDownloadOptions { Range = new Azure.HttpRange(bytes - 1024, 1024) });
            small.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (bytes, whole.Order().ElementAt(2), small.Order().ElementAt(2));
    }
}
