using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Companion.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Silo.Tests;

/// <summary>
/// Changing the embedding model of a running silo by reloading its configuration: the search
/// answer names the model that answered and how far the new one is, and the new one takes over
/// once it has re-embedded the user's history.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed partial class RecallModelSwitchApiTests
{
    private const string Query = "who phoned after the quarrel";

    [Fact]
    public async Task Search_answers_with_the_old_model_and_the_new_ones_progress_until_the_new_model_has_re_embedded_the_history()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = EmbeddingsServer.StartPerModel((model, texts) =>
        {
            if (model == "model-b" && !texts.Contains(Query))
            {
                release.Task.Wait(TimeSpan.FromSeconds(30)); // the history waits while the test searches
            }

            double[] direction = model == "model-a" ? [1, 0, 0] : [0, 1, 0, 0];
            return (200, new JsonObject
            {
                ["data"] = new JsonArray([.. texts.Select((_, i) => (JsonNode)new JsonObject { ["index"] = i, ["embedding"] = new JsonArray([.. direction.Select(d => (JsonNode)d)]) })]),
            });
        });
        await using var silo = new SiloFactory();
        silo.Settings["Recall:Embeddings:Provider"] = "OpenAI";
        silo.Settings["Recall:Embeddings:Endpoint"] = server.Endpoint.AbsoluteUri;
        silo.Settings["Recall:Embeddings:Model"] = "model-a";
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        string[] memories = ["Ada called back", "Grows tomatoes on the balcony", "Plays chess late at night"];
        foreach (var text in memories)
        {
            await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories", new { text, salience = 0.5 }).Expect(HttpStatusCode.Created);
        }

        var before = await SearchUntilAsync(client, userId, r => r.GetProperty("embeddingsPending").GetInt32() == 0, "model-a embedded the memories");
        Assert.Equal("model-a", before.GetProperty("embeddingModel").GetString());
        Assert.Null(Reembedding(before));

        var configuration = (IConfigurationRoot)silo.Services.GetRequiredService<IConfiguration>();
        configuration["Recall:Embeddings:Model"] = "model-b";
        configuration.Reload();

        var during = await SearchUntilAsync(client, userId, r => Reembedding(r) is not null, "model-b started");
        Assert.Equal("model-a", during.GetProperty("embeddingModel").GetString());
        var progress = Reembedding(during) ?? default;
        Assert.Equal("model-b", progress.GetProperty("model").GetString());
        Assert.Equal(0, progress.GetProperty("done").GetInt32());
        Assert.Equal(memories.Length, progress.GetProperty("total").GetInt32());
        Assert.Equal(memories.Length, SemanticHits(during));
        Assert.Equal(memories.Length, await PendingAsync(silo, p => p == memories.Length));

        release.SetResult();
        var after = await SearchUntilAsync(client, userId, r => r.GetProperty("embeddingModel").GetString() == "model-b", "model-b took over");
        Assert.Null(Reembedding(after));
        Assert.Equal(memories.Length, SemanticHits(after));
        Assert.Equal(0, await PendingAsync(silo, p => p == 0));
    }

    private static JsonElement? Reembedding(JsonElement found) =>
        found.TryGetProperty("reembedding", out var progress) && progress.ValueKind == JsonValueKind.Object ? progress : null;

    private static int SemanticHits(JsonElement found) =>
        found.GetProperty("hits").EnumerateArray().Count(h => h.GetProperty("similarity").ValueKind == JsonValueKind.Number && h.GetProperty("similarity").GetDouble() == 1.0);

    private static async Task<JsonElement> SearchUntilAsync(HttpClient client, string userId, Func<JsonElement, bool> until, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = await client.GetAsync($"/v1/users/{userId}/search?q={Uri.EscapeDataString(Query)}").Expect(HttpStatusCode.OK);
            if (until(found))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen: {found}");
            await Task.Delay(50);
        }
    }

    /// <summary>companion_recall_reembed_pending as /metrics says it, asked again while the exporter's cache still holds an older answer.</summary>
    private static async Task<double> PendingAsync(SiloFactory silo, Func<double, bool> expected)
    {
        var value = double.NaN;
        for (var attempt = 0; attempt < 40 && !expected(value); attempt++)
        {
            var text = await silo.Admin().GetStringAsync("/metrics");
            var sample = Pending().Match(text);
            value = sample.Success ? double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture) : double.NaN;
            await Task.Delay(expected(value) ? 0 : 100);
        }

        return value;
    }

    [GeneratedRegex(@"^companion_recall_reembed_pending(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Pending();
}
