using System.Net;
using System.Net.Http.Json;

namespace Companion.Silo.Tests;

/// <summary>Two silos in one process (as in these tests) each export only their own figures.</summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class MetricsIsolationTests
{
    [Fact]
    public async Task A_silo_exports_its_own_metrics_not_those_of_another_silo_in_the_same_process()
    {
        await using var quiet = new SiloFactory();
        await using var busy = new SiloFactory();
        var (userId, client) = await busy.NewUserAsync();
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "A quiet morning." }).Expect(HttpStatusCode.Created);

        var busyText = await busy.Admin().GetStringAsync("/metrics");
        var quietText = await quiet.Admin().GetStringAsync("/metrics");

        Assert.Contains("type=\"journal-entry-written\"", busyText);
        Assert.DoesNotContain("type=\"journal-entry-written\"", quietText);
    }
}
