using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Continuity;
using Companion.Continuity.Verification;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite;
using Companion.Grains;
using Companion.History;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Export and verify of long histories: events per second, and the peak managed heap, which
/// should not grow with the history when both stream.
/// </summary>
public static class ExportScenario
{
    public static async Task RunAsync(ScenarioSize size)
    {
        // COMPANION_EXPORT_ROUNDS=n: the 100,000-event export alone, n times over one seeded log, for
        // a profiler; with COMPANION_PERF_CTL naming perf record's control fifo (started with -D -1),
        // the profile covers the exports only, not the seeding.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("COMPANION_EXPORT_ROUNDS"), out var n) && n > 0 ? n : 0;
        long[] histories = size == ScenarioSize.Smoke ? [1_000] : rounds > 0 ? [100_000] : [10_000, 100_000];
        var registry = EventTypeRegistry.ForUserEvents();
        foreach (var events in histories)
        {
            using var scratch = new TempDirectory();
            var userId = Ids.New("u");
            await HistorySeeder.SeedAsync(scratch.File("events.db"), userId, events, snapshotEvery: 500);
            var archive = scratch.File("archive.zip");
            await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = scratch.File("events.db") });
            using var cipher = await BenchKeys.For(scratch.File("events.db")).OpenAsync(userId);
            if (rounds > 0)
            {
                await ProfileAsync(log, BenchKeys.For(scratch.File("events.db")), cipher, userId, archive, registry, events, rounds);
                if (Environment.GetEnvironmentVariable("COMPANION_EXPORT_BREAKDOWN") == "1")
                {
                    await ExportBreakdown.RunAsync(log, cipher, userId, events);
                }

                return;
            }

            double exportSeconds, exportPeak;
            TimeSpan exportCpu;
            await using (var peak = PeakMemory.Start())
            {
                exportCpu = ProcessCpu.Now();
                var started = Stopwatch.GetTimestamp();
                await using (var file = File.Create(archive))
                {
                    await new ArchiveWriter(registry).WriteAsync(file, log.ReadAsync(userId), cipher);
                }

                exportSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                exportCpu = ProcessCpu.Now() - exportCpu;
                exportPeak = peak.PeakAboveBaselineMiB;
            }

            // What the export endpoint runs: ArchiveExporter opens the key, checks and writes.
            double exporterSeconds, exporterPeak;
            TimeSpan exporterCpu;
            await using (var peak = PeakMemory.Start())
            {
                exporterCpu = ProcessCpu.Now();
                var started = Stopwatch.GetTimestamp();
                var exporter = new ArchiveExporter(log, BenchKeys.For(scratch.File("events.db")), registry);
                using (var export = await exporter.PrepareAsync(userId) ?? throw new InvalidOperationException("The seeded user has no events."))
                await using (var file = File.Create(scratch.File("exported.zip")))
                {
                    await export.WriteAsync(file);
                }

                exporterSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                exporterCpu = ProcessCpu.Now() - exporterCpu;
                exporterPeak = peak.PeakAboveBaselineMiB;
            }

            double verifySeconds, verifyPeak;
            await using (var peak = PeakMemory.Start())
            {
                var started = Stopwatch.GetTimestamp();
                var verification = await new ArchiveVerifier(registry).VerifyFileAsync(archive);
                verifySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                verifyPeak = peak.PeakAboveBaselineMiB;
                if (!verification.IsValid)
                {
                    throw new InvalidOperationException("The exported archive did not verify: " + verification.Describe());
                }
            }

            Report.Row($"export, {events:#,0} events ({new FileInfo(archive).Length / 1024.0 / 1024:0.0} MiB zip)", events / exportSeconds, "events/s");
            // CPU time, all threads: 2 cores give at most 2 CPU-seconds a second, so 100k events/s
            // needs at most 20 µs of CPU per event, however the work is spread.
            Report.Row($"  export CPU per event, all threads, {events:#,0} events", exportCpu.TotalMicroseconds / events, "µs");
            Report.Row($"  export peak managed heap above baseline, {events:#,0} events", exportPeak, "MiB");
            Report.Row($"export through ArchiveExporter (the endpoint's path), {events:#,0} events", events / exporterSeconds, "events/s");
            Report.Row($"  ArchiveExporter CPU per event, all threads, {events:#,0} events", exporterCpu.TotalMicroseconds / events, "µs");
            Report.Row($"  ArchiveExporter peak managed heap above baseline, {events:#,0} events", exporterPeak, "MiB");
            Report.Row($"verify, {events:#,0} events", events / verifySeconds, "events/s");
            Report.Row($"  verify peak managed heap above baseline, {events:#,0} events", verifyPeak, "MiB");
            if (size != ScenarioSize.Smoke)
            {
                await ExportBreakdown.RunAsync(log, cipher, userId, events);
            }
        }
    }

    private static async Task ProfileAsync(SqliteEventLog log, StreamKeys keys, PayloadCipher? cipher, string userId, string archive, EventTypeRegistry registry, long events, int rounds)
    {
        var control = Environment.GetEnvironmentVariable("COMPANION_PERF_CTL");
        for (var round = 1; round <= rounds; round++)
        {
            if (control is not null && round == 2)
            {
                // The first round warms the JIT's tiers, which a profile of steady work should not see.
                await File.AppendAllTextAsync(control, "enable\n");
            }

            var cpu = ProcessCpu.Now();
            var started = Stopwatch.GetTimestamp();
            await using (var file = File.Create(archive))
            {
                await new ArchiveWriter(registry).WriteAsync(file, log.ReadAsync(userId), cipher);
            }

            Report.Row($"  profiling round {round}: export CPU per event, all threads ({events / Stopwatch.GetElapsedTime(started).TotalSeconds:#,0} events/s)", (ProcessCpu.Now() - cpu).TotalMicroseconds / events, "µs");

            cpu = ProcessCpu.Now();
            started = Stopwatch.GetTimestamp();
            using (var export = await new ArchiveExporter(log, keys, registry).PrepareAsync(userId) ?? throw new InvalidOperationException("The seeded user has no events."))
            await using (var file = File.Create(archive))
            {
                await export.WriteAsync(file);
            }

            Report.Row($"  profiling round {round}: ArchiveExporter CPU per event, all threads ({events / Stopwatch.GetElapsedTime(started).TotalSeconds:#,0} events/s)", (ProcessCpu.Now() - cpu).TotalMicroseconds / events, "µs");
        }

        if (control is not null)
        {
            await File.AppendAllTextAsync(control, "disable\n");
        }
    }
}
