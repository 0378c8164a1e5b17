using System.Diagnostics;
using Companion.Benchmarks.Harness;
using Companion.Continuity;
using Companion.Continuity.Verification;
using Companion.EventLog;
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
        long[] histories = size == ScenarioSize.Smoke ? [1_000] : [10_000, 100_000];
        var registry = EventTypeRegistry.ForUserEvents();
        foreach (var events in histories)
        {
            using var scratch = new TempDirectory();
            var userId = Ids.New("u");
            await HistorySeeder.SeedAsync(scratch.File("events.db"), userId, events, snapshotEvery: 500);
            var archive = scratch.File("archive.zip");
            await using var log = new SqliteEventLog(new SqliteEventLogOptions { DataSource = scratch.File("events.db") });
            using var cipher = await BenchKeys.For(scratch.File("events.db")).OpenAsync(userId);

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
            Report.Row($"verify, {events:#,0} events", events / verifySeconds, "events/s");
            Report.Row($"  verify peak managed heap above baseline, {events:#,0} events", verifyPeak, "MiB");
            if (size != ScenarioSize.Smoke)
            {
                await ExportBreakdown.RunAsync(log, cipher, userId, events);
            }
        }
    }
}
