using System.Text.Json.Nodes;
using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;
using Companion.Testing;
using Companion.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Companion.Recall.Tests;

/// <summary>Which model made each vector, and what a search does while a new model re-embeds the history.</summary>
public sealed class RecallProjectionModelTests
{
    private const string Stream = "u_model";
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_new_model_re_embeds_the_whole_log_and_until_then_finds_by_keyword_only_never_by_the_old_models_vectors()
    {
        var release = new TaskCompletionSource();
        // Each model answers its own direction, so a vector tells which model made it.
        await using var server = EmbeddingsServer.StartPerModel((model, texts) => Vectors(texts, model));
        var (log, registry, state, head) = await LogAsync();

        using var modelA = new OpenAiEmbeddingGenerator(server.Endpoint, "model-a");
        await using (var first = new RecallProjection(Stream, log, registry, null, Services(modelA)))
        {
            await first.CatchUpAsync();
            await Eventually.TrueAsync(() => Pending(first, state, head) == 0, "model-a embedded the memory");
            var found = await first.SearchAsync(Query("Ada"), state, head, At);
            Assert.Equal("model-a", found.EmbeddingModel);
            Assert.Equal(RecallMatch.Both, Assert.Single(found.Hits).MatchedBy);
        }

        // The configuration names another model; the next activation builds its index under it.
        using var modelB = new OpenAiEmbeddingGenerator(server.Endpoint, "model-b");
        await using var second = new RecallProjection(Stream, log, registry, null, Services(modelB));
        await second.CatchUpAsync();

        var during = await second.SearchAsync(Query("Ada"), state, head, At);
        Assert.Equal("model-b", during.EmbeddingModel);
        Assert.Equal(1, during.EmbeddingsPending);
        Assert.Equal(RecallMatch.Keyword, Assert.Single(during.Hits).MatchedBy);

        release.SetResult();
        await Eventually.TrueAsync(() => Pending(second, state, head) == 0, "model-b re-embedded the memory");
        var after = await second.SearchAsync(Query("Ada"), state, head, At);
        var hit = Assert.Single(after.Hits);
        Assert.Equal(RecallMatch.Both, hit.MatchedBy);
        Assert.Equal(1.0, hit.Similarity);
        Assert.Contains(server.Bodies, b => b["model"]?.GetValue<string>() == "model-b"
            && b["input"]?.AsArray().Any(t => t?.GetValue<string>() == Memory) == true);

        (int, JsonObject) Vectors(string[] texts, string model)
        {
            if (model == "model-b" && texts.Contains(Memory))
            {
                // Re-embedding the history waits until the test has searched meanwhile.
                release.Task.Wait(TimeSpan.FromSeconds(30));
            }

            double[] direction = model == "model-a" ? [1, 0, 0] : [0, 1, 0];
            return (200, new JsonObject
            {
                ["data"] = new JsonArray([.. texts.Select((_, i) => (JsonNode)new JsonObject { ["index"] = i, ["embedding"] = new JsonArray([.. direction.Select(d => (JsonNode)d)]) })]),
            });
        }
    }

    private const string Memory = "Ada called back the night after the argument.";

    private static int Pending(RecallProjection projection, UserState state, long head) =>
        projection.SearchAsync(Query("argument"), state, head, At).GetAwaiter().GetResult().EmbeddingsPending;

    private static RecallQuery Query(string text) => new(text, [], null, null, null, 10);

    private static RecallServices Services(OpenAiEmbeddingGenerator model) =>
        new(Options.Create(new RecallOptions()), new ContextTokenizers(), NullLogger<RecallServices>.Instance, model);

    private static async Task<(InMemoryEventLog Log, EventTypeRegistry Registry, UserState State, long Head)> LogAsync()
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var log = new InMemoryEventLog();
        UserEvent[] events =
        [
            new UserRegistered(Stream, "Bench", At),
            new CompanionCreated("c1", "Sol", Persona.Empty, null, At),
            new MemoryRecorded("c1", "m1", Memory, "fact", 0.5, false, null, At),
        ];
        var envelopes = EnvelopeChain.Seal(Stream, StreamHead.Empty, events.Select(registry.ToData));
        await log.AppendAsync(Stream, 0, envelopes);
        return (log, registry, events.Aggregate(UserState.Empty, UserStateApply.Apply), envelopes[^1].Version);
    }
}
