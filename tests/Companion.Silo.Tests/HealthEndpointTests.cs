using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>/healthz: the health checks JSON shape, storage and silo readiness, nothing private.</summary>
public sealed class HealthEndpointTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task Healthz_reports_storage_and_silo_readiness_per_check()
    {
        var health = await silo.ClientWith(null).GetFromJsonAsync<JsonElement>("/healthz");
        var entries = health.GetProperty("entries");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.True(TimeSpan.TryParse(health.GetProperty("totalDuration").GetString(), out _));
        Assert.Equal("Healthy", entries.GetProperty("event-log").GetProperty("status").GetString());
        Assert.Equal("Healthy", entries.GetProperty("silo").GetProperty("status").GetString());
        Assert.StartsWith("ready", entries.GetProperty("silo").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Healthz_reveals_no_paths_users_or_exceptions()
    {
        var (userId, _) = await silo.NewUserAsync();

        var text = await silo.ClientWith(null).GetStringAsync("/healthz");

        Assert.DoesNotContain(userId, text);
        Assert.DoesNotContain(silo.DataDirectory, text);
        Assert.DoesNotContain("exception", text, StringComparison.OrdinalIgnoreCase);
    }
}
