using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;
using Companion.Testing;
using Companion.Testing.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Companion.Recall.Tests;

/// <summary>
/// Changing <c>Recall:Embeddings</c> while a projection lives: configuration reloaded through a
/// real provider, two models served over HTTP that make vectors of different directions and
/// lengths, and the index moving from one to the other in the background.
/// </summary>
public sealed class RecallModelSwitchTests : IAsyncLifetime
{
    private const string Stream = "u_switch";
    private const string Query = "who phoned after the quarrel";
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Memories =
    [
        "Ada called back the night after the argument.",
        "The allotment needs watering on Sundays.",
        "Grandma's recipe uses cardamom, not cinnamon.",
        "The dog is scared of the hoover.",
        "Sam starts the new job in March.",
    ];

    private readonly TaskCompletionSource _releaseB = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<(string Model, string Text)> _asked = new();
    private readonly ConcurrentQueue<string> _logged = new();
    private readonly InMemoryEventLog _log = new();
    private readonly EventTypeRegistry _registry = EventTypeRegistry.ForUserEvents();
    private EmbeddingsServer _server = null!;
    private IConfigurationRoot _configuration = null!;
    private ServiceProvider _provider = null!;
    private RecallServices _services = null!;
    private Measured _measured = null!;
    private UserState _state = UserState.Empty;
    private StreamHead _head = StreamHead.Empty;
    private RecallProjection? _projection;

    public async Task InitializeAsync()
    {
        // model-a answers [1, 0, 0], model-b [0, 1, 0, 0]: a vector tells which model made it, and
        // a query of one compared with a vector of the other would find nothing.
        _server = EmbeddingsServer.StartPerModel(Answer);
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recall:EmbeddingBatchSize"] = "2",
            ["Recall:Embeddings:Provider"] = "OpenAI",
            ["Recall:Embeddings:Endpoint"] = _server.Endpoint.AbsoluteUri,
            ["Recall:Embeddings:Model"] = "model-a",
        }).Build();
        _provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new Capturing(_logged)))
            .AddMetrics()
            .AddRecall(_configuration.GetSection(RecallOptions.Section))
            .BuildServiceProvider();
        _services = _provider.GetRequiredService<RecallServices>();
        _measured = new Measured(_provider.GetRequiredService<IMeterFactory>());
        await AppendAsync([
            new UserRegistered(Stream, "Bench", At),
            new CompanionCreated("c1", "Sol", Persona.Empty, null, At),
            .. Memories.Select((text, i) => new MemoryRecorded("c1", $"m{i}", text, "fact", 0.5, false, null, At)),
        ]);
    }

    public async Task DisposeAsync()
    {
        _releaseB.TrySetResult();
        _measured.Dispose();
        await _provider.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_new_model_re_embeds_in_the_background_while_the_old_one_answers_and_then_answers_alone()
    {
        await using var projection = await LiveProjectionAsync();
        var modelA = _services.Model;

        Reconfigure("Recall:Embeddings:Model", "model-b");
        var during = await EventuallyAsync(r => r.Reembedding is not null, "the projection started re-embedding under model-b");

        // Search answers from model-a, by meaning, while model-b waits; it says how far model-b is.
        Assert.Equal("model-a", during.EmbeddingModel);
        Assert.Equal(new RecallReembedding("model-b", 0, Memories.Length), during.Reembedding);
        Assert.Equal(Memories.Length, during.Hits.Count(h => h.Similarity == 1.0));
        Assert.Equal(Memories.Length, _measured.Sum("companion.recall.reembed_pending"));

        // An item recorded meanwhile is queued for both models, and counted for model-b.
        await AppendAsync([new MemoryRecorded("c1", "m-late", "Ada sent a postcard from Lisbon.", "fact", 0.5, false, null, At)]);
        await projection.CatchUpAsync();
        var grown = await projection.SearchAsync(RecallQueryFor(Query), _state, _head.Version, At);
        Assert.Equal(new RecallReembedding("model-b", 0, Memories.Length + 1), grown.Reembedding);
        Assert.Equal("model-a", grown.EmbeddingModel);
        Assert.Equal(Memories.Length + 1, _measured.Sum("companion.recall.reembed_pending"));

        _releaseB.SetResult();
        var after = await EventuallyAsync(projection, r => r.EmbeddingModel == "model-b" && r.EmbeddingsPending == 0, "model-b took over");

        Assert.Null(after.Reembedding);
        Assert.Equal(Memories.Length + 1, after.Hits.Count(h => h.Similarity == 1.0));
        Assert.Equal(Memories.Length + 1, projection.Size().Embedded);
        Assert.Equal(0, _measured.Sum("companion.recall.reembed_pending"));
        Assert.Equal(Memories.Length + 1, _measured.Sum("companion.recall.reembedded"));
        // Every query went to the model whose vectors answered it: model-a until model-b covered the index.
        var queries = _asked.Where(a => a.Text == Query).Select(a => a.Model).ToList();
        Assert.Equal("model-b", queries[^1]);
        Assert.DoesNotContain("model-a", queries.SkipWhile(m => m == "model-a"));
        // Nobody answers with model-a any more: its generator is disposed.
        await Eventually.TrueAsync(() => IsDisposed(modelA), "model-a's generator was disposed");
    }

    [Fact]
    public async Task A_configuration_that_cannot_be_used_is_logged_and_the_model_stays()
    {
        await using var projection = await LiveProjectionAsync();
        var modelA = _services.Model;

        Reconfigure("Recall:Embeddings:Endpoint", "ftp://example.org/v1");

        Assert.Same(modelA, _services.Model);
        Assert.Contains(_logged, line => line.Contains("refused", StringComparison.Ordinal) && line.Contains("Recall:Embeddings:Endpoint", StringComparison.Ordinal));
        Assert.Equal(1, _measured.Sum("companion.recall.model_changes", "refused"));
        var found = await projection.SearchAsync(RecallQueryFor(Query), _state, _head.Version, At);
        Assert.Equal("model-a", found.EmbeddingModel);
        Assert.Null(found.Reembedding);
        Assert.Equal(Memories.Length, found.Hits.Count(h => h.Similarity == 1.0));
        Assert.False(IsDisposed(modelA));
    }

    [Fact]
    public async Task Turning_semantic_search_off_drops_the_vectors_at_once_and_turning_it_on_embeds_everything_again()
    {
        _releaseB.SetResult();
        await using var projection = await LiveProjectionAsync();

        Reconfigure("Recall:Embeddings:Provider", "None");
        var off = await projection.SearchAsync(RecallQueryFor("Ada argument"), _state, _head.Version, At);

        Assert.Null(off.EmbeddingModel);
        Assert.Null(off.Reembedding);
        Assert.Equal(RecallMatch.Keyword, Assert.Single(off.Hits).MatchedBy);
        Assert.Equal(0, projection.Size().Embedded);

        var asked = _asked.Count;
        _configuration["Recall:Embeddings:Provider"] = "OpenAI";
        Reconfigure("Recall:Embeddings:Model", "model-b");
        var on = await EventuallyAsync(projection, r => r.EmbeddingModel == "model-b", "model-b embedded the whole index");

        Assert.Equal(Memories.Length, on.Hits.Count(h => h.Similarity == 1.0));
        Assert.Equal(Memories.Length, _asked.Skip(asked).Count(a => a.Model == "model-b" && a.Text != Query));
        Assert.Equal(0, _measured.Sum("companion.recall.reembed_pending"));
        Assert.Equal(2, _measured.Sum("companion.recall.model_changes", "applied"));
    }

    private (int, JsonObject) Answer(string model, string[] texts)
    {
        foreach (var text in texts)
        {
            _asked.Enqueue((model, text));
        }

        if (model == "model-b" && texts.Any(t => t != Query))
        {
            // Re-embedding the history waits until the test has searched meanwhile.
            _releaseB.Task.Wait(TimeSpan.FromSeconds(30));
        }

        double[] direction = model == "model-a" ? [1, 0, 0] : [0, 1, 0, 0];
        return (200, new JsonObject
        {
            ["data"] = new JsonArray([.. texts.Select((_, i) => (JsonNode)new JsonObject { ["index"] = i, ["embedding"] = new JsonArray([.. direction.Select(d => (JsonNode)d)]) })]),
        });
    }

    private async Task<RecallProjection> LiveProjectionAsync()
    {
        var projection = new RecallProjection(Stream, _log, _registry, null, _services);
        _projection = projection;
        await projection.CatchUpAsync();
        var ready = await EventuallyAsync(r => r.EmbeddingsPending == 0, "model-a embedded the history");
        Assert.Equal("model-a", ready.EmbeddingModel);
        Assert.Equal(Memories.Length, ready.Hits.Count(h => h.Similarity == 1.0));
        return projection;
    }

    private Task<RecallResults> EventuallyAsync(Func<RecallResults, bool> until, string what) =>
        EventuallyAsync(_projection ?? throw new InvalidOperationException("No projection yet."), until, what);

    private async Task<RecallResults> EventuallyAsync(RecallProjection projection, Func<RecallResults, bool> until, string what)
    {
        RecallResults? last = null;
        await Eventually.TrueAsync(() =>
        {
            last = projection.SearchAsync(RecallQueryFor(Query), _state, _head.Version, At).GetAwaiter().GetResult();
            return until(last);
        }, what);
        return last ?? throw new InvalidOperationException(what);
    }

    private void Reconfigure(string key, string value)
    {
        _configuration[key] = value;
        _configuration.Reload();
    }

    private async Task AppendAsync(UserEvent[] events)
    {
        var envelopes = EnvelopeChain.Seal(Stream, _head, events.Select(_registry.ToData));
        await _log.AppendAsync(Stream, _head.Version, envelopes);
        _head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        _state = events.Aggregate(_state, UserStateApply.Apply);
    }

    private static RecallQuery RecallQueryFor(string text) => new(text, [], null, null, null, 20);

    private static bool IsDisposed(RecallModel model)
    {
        try
        {
            model.Generator?.GenerateAsync(["probe"]).GetAwaiter().GetResult();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Sums what this provider's Companion meter measured, by instrument and outcome.</summary>
    private sealed class Measured : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, string? Outcome)> _measurements = new();

        public Measured(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? outcome = null;
                foreach (var tag in tags)
                {
                    outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                }

                _measurements.Enqueue((instrument.Name, value, outcome));
            });
            _listener.Start();
        }

        public long Sum(string name, string? outcome = null) =>
            _measurements.Where(m => m.Name == name && (outcome is null || m.Outcome == outcome)).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Keeps every log line written.</summary>
    private sealed class Capturing(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
