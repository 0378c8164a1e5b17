using System.Net;
using System.Text.RegularExpressions;

namespace Companion.Silo.Tests;

/// <summary>/metrics speaks Prometheus' text format with the companion metrics, named with their units.</summary>
[Collection(ProcessWideMetrics.Name)]
public sealed partial class MetricsEndpointTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task After_traffic_metrics_lists_every_companion_metric_by_its_prometheus_name()
    {
        await TrafficAsync();

        var text = await silo.Admin().GetStringAsync("/metrics");

        string[] expected =
        [
            "companion_events_appended_total counter",
            "companion_append_duration_seconds histogram",
            "companion_group_commit_batch_size histogram",
            "companion_append_conflicts_total counter",
            "companion_snapshots_written_total counter",
            "companion_activation_duration_seconds histogram",
            "companion_activation_replayed_events histogram",
            "companion_user_grains_active gauge",
            "companion_exports_total counter",
            "companion_export_failures_total counter",
            "companion_imports_total counter",
            "companion_import_failures_total counter",
            "companion_verifications_total counter",
            "companion_verification_failures_total counter",
        ];
        foreach (var line in expected)
        {
            Assert.Contains("# TYPE " + line, text);
        }
    }

    [Fact]
    public async Task Metrics_carry_the_runtimes_own_figures_and_bytes_allocated_grow_with_traffic()
    {
        var before = await ScrapeAsync();
        await TrafficAsync();
        var after = await ScrapeAfterCacheAsync(before);

        Assert.Contains("# TYPE dotnet_gc_collections_total counter", after);
        Assert.True(Value(after, "dotnet_gc_heap_total_allocated_bytes_total") > Value(before, "dotnet_gc_heap_total_allocated_bytes_total"));
    }

    [Fact]
    public async Task Events_appended_are_counted_by_type_and_snapshots_once_the_threshold_passes()
    {
        var before = await ScrapeAsync();
        await TrafficAsync(messages: 30);
        var after = await ScrapeAfterCacheAsync(before);

        Assert.True(Value(after, "companion_events_appended_total", "message-recorded") - Value(before, "companion_events_appended_total", "message-recorded") >= 30);
        Assert.True(Value(after, "companion_snapshots_written_total") > Value(before, "companion_snapshots_written_total"));
        Assert.True(Value(after, "companion_append_duration_seconds_count") >= Value(before, "companion_append_duration_seconds_count") + 33);
        Assert.True(Value(after, "companion_group_commit_batch_size_count") > Value(before, "companion_group_commit_batch_size_count"));
    }

    /// <summary>The exporter answers from a cache for 300 ms after a collection; ask until the answer is a new one.</summary>
    private async Task<string> ScrapeAfterCacheAsync(string previous)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var text = await ScrapeAsync();
            if (text != previous)
            {
                return text;
            }

            await Task.Delay(100);
        }

        return await ScrapeAsync();
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await silo.Admin().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task TrafficAsync(int messages = 3)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companion = await client.NewCompanionAsync(userId);
        var session = await client.NewSessionAsync(userId, companion);
        for (var i = 0; i < messages; i++)
        {
            await client.SayAsync(userId, companion, session, $"message {i}").Expect(HttpStatusCode.Created);
        }
    }

    /// <summary>The sum of a metric's samples, optionally only those with <c>type="..."</c>.</summary>
    private static double Value(string text, string name, string? type = null) =>
        Sample().Matches(text)
            .Where(m => m.Groups["name"].Value == name && (type is null || m.Groups["labels"].Value.Contains($"type=\"{type}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
