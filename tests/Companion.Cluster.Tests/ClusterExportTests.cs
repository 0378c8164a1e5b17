using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Companion.Cluster.Tests;

/// <summary>
/// A user's continuity archive through nginx (its own location: an export is written whole before
/// its first byte, so it gets a longer read timeout and is never started again on another silo).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ClusterExportTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    [Fact]
    public async Task An_export_through_nginx_arrives_whole_with_its_length_and_ends_at_the_users_head()
    {
        var load = new ClusterLoad(cluster.Http, cluster.AdminToken);
        var user = await load.NewUserAsync();
        for (var n = 0; n < 5; n++)
        {
            await load.SendMessageAsync(user, $"{user.UserId}-{n}", $"message {n}");
        }

        var head = await cluster.Log.GetHeadAsync(user.UserId);
        using var http = new HttpClient { BaseAddress = cluster.Http };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        using var response = await http.GetAsync($"/v1/users/{user.UserId}/export");
        var archive = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(archive.Length, response.Content.Headers.ContentLength);
        Assert.Equal($"attachment; filename=companion-{user.UserId}-v{head.Version}.zip", response.Content.Headers.ContentDisposition?.ToString());
        using var zip = new ZipArchive(new MemoryStream(archive));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal(head.Version, manifest.RootElement.GetProperty("streamVersion").GetInt64());
        Assert.Equal(head.Version, zip.GetEntry("events.jsonl")!.Open().ReadLines().Count());
    }
}

internal static class StreamLines
{
    public static IEnumerable<string> ReadLines(this Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
