using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.AzureStorage.Tests;
using Companion.EventLog.Sqlite;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Listing every stream of a container of many small streams (one to three events each, so no
/// segment caches its head until a reader does), in pages of 100 as an operator's tool pages the
/// catalog, beside the same streams on SQLite. Each Azure figure is a fresh process (a new log,
/// no listing windows or positions of its own): first the listing that reads and caches every
/// head, then the same listing with the heads cached, then that again listing anew for every page
/// (<see cref="AzureBlobEventLogOptions.CatalogListingMaxAge"/> zero), which is how the catalog
/// listed before its listing windows.
/// </summary>
public static class AzureCatalogScenario
{
    private const string Container = "catalog";

    public static async Task RunAsync(ScenarioSize size)
    {
        var streams = size == ScenarioSize.Smoke ? 50 : 10_000;
        await using var azurite = await AzuriteFixture.StartAsync();
        using var scratch = new TempDirectory();
        await using var sqlite = new SqliteEventLog(new SqliteEventLogOptions { DataSource = scratch.File("catalog.db") });
        var seeded = Stopwatch.GetTimestamp();
        await SeedAsync(streams, Open(azurite.ConnectionString, null), sqlite);
        Report.Note($"seeded {streams:#,0} streams of 1–3 events on both logs in {Stopwatch.GetElapsedTime(seeded).TotalSeconds:0} s");

        var sqliteMs = await ListAllMsAsync(sqlite, streams);
        var firstMs = await ListAllMsAsync(Open(azurite.ConnectionString, null), streams);
        Report.Row($"azure listing {streams:#,0} streams in pages of 100, first listing: reads and caches every head (vs SQLite)", firstMs, "ms", sqliteMs, higherIsBetter: false);
        var cachedMs = await ListAllMsAsync(Open(azurite.ConnectionString, null), streams);
        Report.Row($"azure listing {streams:#,0} streams again from a fresh process, heads cached (vs SQLite)", cachedMs, "ms", sqliteMs, higherIsBetter: false);
        var anewMs = await ListAllMsAsync(Open(azurite.ConnectionString, TimeSpan.Zero), streams);
        Report.Row($"azure listing {streams:#,0} streams, heads cached, listing anew for every page as before the windows (vs the windows)", anewMs, "ms", cachedMs, higherIsBetter: false);
    }

    private static AzureBlobEventLog Open(string connectionString, TimeSpan? maxAge)
    {
        var options = new AzureBlobEventLogOptions { ConnectionString = connectionString, ContainerName = Container };
        if (maxAge is { } age)
        {
            options.CatalogListingMaxAge = age;
        }

        return new AzureBlobEventLog(options);
    }

    private static async Task SeedAsync(int streams, AzureBlobEventLog azure, SqliteEventLog sqlite)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < streams)
            {
                var stream = $"u_{i:D6}";
                var head = StreamHead.Empty;
                for (var n = 0; n <= i % 3; n++)
                {
                    var envelopes = EnvelopeChain.Seal(stream, head, [new EventData("bench-happened", 1, DateTimeOffset.UnixEpoch, null, "{\"n\":1}"u8.ToArray())]);
                    await azure.AppendAsync(stream, head.Version, envelopes);
                    await sqlite.AppendAsync(stream, head.Version, envelopes);
                    head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
                }
            }
        }));
    }

    private static async Task<double> ListAllMsAsync(IEventLog log, int expected)
    {
        var started = Stopwatch.GetTimestamp();
        string? after = null;
        var listed = 0;
        while (true)
        {
            var page = 0;
            await foreach (var info in log.ListStreamsAsync(after, 100))
            {
                after = info.Stream;
                page++;
            }

            listed += page;
            if (page < 100)
            {
                break;
            }
        }

        if (listed != expected)
        {
            throw new InvalidOperationException($"Listed {listed} streams of {expected}.");
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
