using System.Net;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>What an operator meets first: the dashboard is as guarded as the panel, and the plain run command runs as production.</summary>
public sealed class OperatorSurfaceTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/admin")]
    public async Task Operator_pages_are_sent_uncached_unframeable_unsniffed_and_without_a_referrer(string path)
    {
        var response = await silo.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_dashboard_refused_without_a_login_still_carries_the_headers()
    {
        var response = await silo.CreateClient().GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public void Dotnet_run_of_the_silo_runs_in_production_unless_a_development_profile_is_asked_for()
    {
        var path = Path.Combine(RepositoryRoot(), "src", "Companion.Silo", "Properties", "launchSettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(path));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            .ToList();
        var first = profiles[0];

        Assert.NotEqual("Development", first.Name);
        Assert.True(Environment(first.Value) is null or "Production", $"the default profile '{first.Name}' sets the environment to {Environment(first.Value)}");
        Assert.All(profiles.Where(p => Environment(p.Value) == "Development"), p => Assert.Equal("Development", p.Name));
    }

    private static string? Environment(JsonElement profile) =>
        profile.TryGetProperty("environmentVariables", out var variables)
            ? (variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var aspnet) ? aspnet.GetString() : null)
                ?? (variables.TryGetProperty("DOTNET_ENVIRONMENT", out var dotnet) ? dotnet.GetString() : null)
            : null;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Companion.Grains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Companion.Grains.sln) is not above the test's directory.");
    }
}
