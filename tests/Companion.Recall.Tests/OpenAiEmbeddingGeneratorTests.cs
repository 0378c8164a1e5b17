using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Recall.Tests;

/// <summary>The OpenAI-compatible embedding client against a real HTTP server that speaks <c>/v1/embeddings</c>.</summary>
public sealed class OpenAiEmbeddingGeneratorTests
{
    [Fact]
    public async Task Posts_the_texts_with_the_key_and_model_and_returns_each_vector_for_its_own_input()
    {
        await using var server = EmbeddingsServer.Start(answer: (request, texts) =>
        {
            Assert.Equal("Bearer sk-test", request.Headers["Authorization"]);
            // Answer in reverse order: each item names its input by index.
            var data = new JsonArray([.. texts.Select((t, i) => (JsonNode)new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = new JsonArray(t.Length, 1, 0),
            }).Reverse()]);
            return (200, new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = "text-embedding-3-small" });
        });
        using var generator = new OpenAiEmbeddingGenerator(server.Endpoint, "text-embedding-3-small", "sk-test");

        var vectors = await generator.GenerateAsync(["Ada called back", "hi"]);

        Assert.Equal([15f, 1, 0], vectors[0].Vector.ToArray());
        Assert.Equal([2f, 1, 0], vectors[1].Vector.ToArray());
        Assert.Equal("text-embedding-3-small", vectors[0].ModelId);
        var sent = Assert.Single(server.Bodies);
        Assert.Equal("text-embedding-3-small", sent["model"]?.GetValue<string>());
        Assert.Equal(["Ada called back", "hi"], sent["input"]?.AsArray().Select(t => t?.GetValue<string>()) ?? []);
        Assert.Equal("text-embedding-3-small", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task A_refusal_says_the_status_and_never_the_words()
    {
        await using var server = EmbeddingsServer.Start(answer: (_, _) => (401, new JsonObject { ["error"] = new JsonObject { ["message"] = "Incorrect API key" } }));
        using var generator = new OpenAiEmbeddingGenerator(server.Endpoint, "text-embedding-3-small", "sk-wrong");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => generator.GenerateAsync(["my secret diary line"]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("diary", error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_fewer_vectors_than_texts_is_refused()
    {
        await using var server = EmbeddingsServer.Start(answer: (_, _) =>
            (200, new JsonObject { ["data"] = new JsonArray(new JsonObject { ["index"] = 0, ["embedding"] = new JsonArray(1, 0) }) }));
        using var generator = new OpenAiEmbeddingGenerator(server.Endpoint, "m");

        await Assert.ThrowsAsync<InvalidDataException>(() => generator.GenerateAsync(["one", "two"]));
    }

    [Fact]
    public async Task AddRecall_with_the_OpenAI_provider_embeds_through_the_configured_endpoint()
    {
        await using var server = EmbeddingsServer.Start(answer: (_, texts) =>
            (200, new JsonObject { ["data"] = new JsonArray([.. texts.Select((_, i) => (JsonNode)new JsonObject { ["index"] = i, ["embedding"] = new JsonArray(0.5, 0.5) })]) }));
        var services = new ServiceCollection().AddLogging().AddMetrics().AddRecall(o => o.Embeddings = new RecallEmbeddingOptions
        {
            Provider = "openai",
            Endpoint = server.Endpoint.AbsoluteUri,
            Model = "nomic-embed-text",
        });
        await using var provider = services.BuildServiceProvider();

        var model = provider.GetRequiredService<RecallServices>().Model;
        var vectors = await Assert.IsType<OpenAiEmbeddingGenerator>(model.Generator).GenerateAsync(["hello"]);

        Assert.Equal("nomic-embed-text", model.Name);
        Assert.Equal([0.5f, 0.5f], vectors[0].Vector.ToArray());
        Assert.Single(server.Bodies);
    }

    [Theory]
    [InlineData(null, "m", "Endpoint")]
    [InlineData("ftp://example.org/v1", "m", "Endpoint")]
    [InlineData("http://localhost:1/v1", null, "Model")]
    public void AddRecall_refuses_an_OpenAI_provider_without_an_http_endpoint_or_a_model(string? endpoint, string? model, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRecall(o => o.Embeddings = new RecallEmbeddingOptions
        {
            Provider = "OpenAI",
            Endpoint = endpoint,
            Model = model,
        }));

        Assert.Contains($"Recall:Embeddings:{named}", error.Message, StringComparison.Ordinal);
    }
}
