using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Companion.Benchmarks.Harness;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.AzureStorage.Tests;
using Companion.Grains;
using Companion.History;

namespace Companion.Benchmarks.Scenarios;

/// <summary>
/// Appends through the Azure Blob provider on a real Azurite, beside raw conditional
/// append-block calls of the same envelope lines with the same concurrency: the limit.
/// </summary>
public static class AzureScenario
{
    public static async Task RunAsync(ScenarioSize size)
    {
        var writers = size == ScenarioSize.Smoke ? 4 : 32;
        var duration = size == ScenarioSize.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(15);
        await using var azurite = await AzuriteFixture.StartAsync();
        var registry = EventTypeRegistry.ForUserEvents();

        var raw = await RawAppendBlocksAsync(azurite.ConnectionString, registry, writers, duration);
        var log = new AzureBlobEventLog(new AzureBlobEventLogOptions { ConnectionString = azurite.ConnectionString, ContainerName = "bench-ours" });
        var ours = await ProviderAppendsAsync(log, registry, writers, duration);

        Report.Row($"azure appends/s, {writers} streams concurrently through AzureBlobEventLog (vs raw conditional append-block)", ours.Rate, "appends/s", raw.Rate);
        Report.Row("azure append latency p50 (raw in baseline column)", ours.Latencies.PercentileMs(50), "ms", raw.Latencies.PercentileMs(50), higherIsBetter: false);
        Report.Row("azure append latency p99 (raw in baseline column)", ours.Latencies.PercentileMs(99), "ms", raw.Latencies.PercentileMs(99), higherIsBetter: false);
    }

    private static EventData Message(EventTypeRegistry registry) => registry.ToData(new MessageRecorded(
        "c_bench", "s_bench", Ids.New("msg"), MessageRole.User, "A small win today: I asked for help and it was fine.", null, null, DateTimeOffset.UtcNow));

    private static async Task<(double Rate, Latencies Latencies)> ProviderAppendsAsync(IEventLog log, EventTypeRegistry registry, int writers, TimeSpan duration)
    {
        var latencies = new Latencies();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            var stream = Ids.New("u");
            var head = StreamHead.Empty;
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var envelopes = EnvelopeChain.Seal(stream, head, [Message(registry)]);
                var t = Stopwatch.GetTimestamp();
                await log.AppendAsync(stream, head.Version, envelopes);
                latencies.Add(t);
                head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
            }
        }));
        return (latencies.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);
    }

    private static async Task<(double Rate, Latencies Latencies)> RawAppendBlocksAsync(string connectionString, EventTypeRegistry registry, int writers, TimeSpan duration)
    {
        var container = new BlobContainerClient(connectionString, "bench-raw");
        await container.CreateIfNotExistsAsync();
        var latencies = new Latencies();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            var blob = container.GetAppendBlobClient($"raw/{i:D4}.jsonl");
            await blob.CreateAsync();
            var stream = Ids.New("u");
            var head = StreamHead.Empty;
            long position = 0;
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var envelope = EnvelopeChain.Seal(stream, head, [Message(registry)])[0];
                var line = Line(envelope);
                var t = Stopwatch.GetTimestamp();
                using var content = new MemoryStream(line);
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position } });
                latencies.Add(t);
                position += line.Length;
                head = new StreamHead(envelope.Version, envelope.Hash);
            }
        }));
        return (latencies.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);
    }

    private static byte[] Line(EventEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            EnvelopeJson.Write(writer, envelope);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
