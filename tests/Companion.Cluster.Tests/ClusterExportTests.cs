using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Companion.Cluster.Tests;

/// <summary>
/// Continuity archives through nginx: exports and imports have a location of their own (an export
/// is written whole before its first byte, an import answers once the whole archive is in), and
/// nginx takes bodies as large as the silo's largest import.
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

    [Fact]
    public async Task An_import_larger_than_two_mebibytes_reaches_the_silo_through_nginx_and_is_answered_by_it()
    {
        using var http = new HttpClient { BaseAddress = cluster.Http };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
        var notAnArchive = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(notAnArchive);
        using var body = new ByteArrayContent(notAnArchive);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        using var response = await http.PostAsync("/v1/imports", body);

        // The silo's own refusal (a problem detail), not nginx's 413 page.
        var said = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {said}\n{cluster.LogTails()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
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
