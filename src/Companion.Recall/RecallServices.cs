using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Companion.Recall;

/// <summary>
/// What each user's recall projection shares with every other on the silo, the embedding model
/// among it. Built from configuration (<see cref="RecallEmbeddingOptions"/>), the model follows it
/// while the silo runs: a change builds the new model and tells the live projections, which
/// re-embed their history in the background and let go of the old model when they are done
/// (<see cref="RecallModel"/>); a configuration that cannot be used is logged and the model stays.
/// </summary>
public sealed class RecallServices : IDisposable
{
    private readonly IOptions<RecallOptions> _options;
    private readonly ILogger<RecallServices> _logger;
    private readonly Lock _changing = new();
    private readonly IDisposable? _following;
    private RecallModel _model;
    private RecallEmbeddingOptions? _configured;

    /// <summary>Recall with a model the host gives and keeps (none: keyword search only); it never changes.</summary>
    /// <param name="options">How recall runs.</param>
    /// <param name="tokenizers">Token counters for context budgets.</param>
    /// <param name="logger">Logs figures and failures, never words.</param>
    /// <param name="embeddings">The embedding model; none when semantic search is off.</param>
    /// <param name="metrics">Where lag and throughput are measured.</param>
    public RecallServices(
        IOptions<RecallOptions> options,
        ContextTokenizers tokenizers,
        ILogger<RecallServices> logger,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        RecallMetrics? metrics = null)
    {
        _options = options;
        _logger = logger;
        Tokenizers = tokenizers;
        Metrics = metrics;
        _model = RecallModel.Given(embeddings);
    }

    /// <summary>Recall with the model <paramref name="embeddings"/> configure, following every change to them.</summary>
    /// <param name="options">How recall runs.</param>
    /// <param name="tokenizers">Token counters for context budgets.</param>
    /// <param name="logger">Logs figures and failures, never words.</param>
    /// <param name="embeddings">Where embeddings come from, as configuration says now and later.</param>
    /// <param name="metrics">Where lag and throughput are measured.</param>
    /// <exception cref="InvalidOperationException">The configuration at start-up cannot be used.</exception>
    internal static RecallServices Following(
        IOptions<RecallOptions> options,
        ContextTokenizers tokenizers,
        ILogger<RecallServices> logger,
        IOptionsMonitor<RecallEmbeddingOptions> embeddings,
        RecallMetrics? metrics) => new(options, tokenizers, logger, metrics, embeddings);

    private RecallServices(
        IOptions<RecallOptions> options,
        ContextTokenizers tokenizers,
        ILogger<RecallServices> logger,
        RecallMetrics? metrics,
        IOptionsMonitor<RecallEmbeddingOptions> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        _options = options;
        _logger = logger;
        Tokenizers = tokenizers;
        Metrics = metrics;
        _configured = Copy(embeddings.CurrentValue);
        _model = RecallModel.Build(_configured);
        _following = embeddings.OnChange((changed, name) =>
        {
            if (name is null || name == Microsoft.Extensions.Options.Options.DefaultName)
            {
                Configure(changed);
            }
        });
    }

    /// <summary>Tells live projections that <see cref="Model"/> changed (on the thread that changed it).</summary>
    public event Action? ModelChanged;

    /// <summary>How recall runs.</summary>
    public RecallOptions Options => _options.Value;

    /// <summary>Token counters for context budgets.</summary>
    public ContextTokenizers Tokenizers { get; }

    /// <summary>Logs figures and failures, never words.</summary>
    public ILogger Logger => _logger;

    /// <summary>The configured embedding model: the one new indexes start with, and live ones move to.</summary>
    public RecallModel Model => Volatile.Read(ref _model);

    /// <summary>Where lag and throughput are measured.</summary>
    public RecallMetrics? Metrics { get; }

    /// <summary>
    /// One background embedding batch at a time on the silo, whatever the number of users: the
    /// model is CPU-bound and appends share the cores. Queries are not held by it.
    /// </summary>
    public SemaphoreSlim BackgroundEmbedding { get; } = new(1, 1);

    /// <summary>Takes a hold on the configured model (<see cref="RecallModel.TryHold"/>); the caller releases it.</summary>
    public RecallModel HoldModel()
    {
        while (true)
        {
            var model = Model;
            if (model.TryHold())
            {
                return model;
            }
        }
    }

    /// <summary>
    /// Moves to the model <paramref name="options"/> configure, unless they are what is configured
    /// already; options that cannot be used are logged and change nothing.
    /// </summary>
    internal void Configure(RecallEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wanted = Copy(options);
        RecallModel replaced;
        lock (_changing)
        {
            if (_configured is null || Same(wanted, _configured))
            {
                return; // a reload that changed nothing here, or a model the host gives and keeps
            }

            RecallModel next;
            try
            {
                next = RecallModel.Build(wanted);
            }
            catch (InvalidOperationException e)
            {
                _logger.LogError("The new Recall:Embeddings configuration was refused and {Model} stays the embedding model: {Reason}", Model, e.Message);
                Metrics?.RecordModelChange(applied: false);
                return;
            }

            replaced = Model;
            _configured = wanted;
            Volatile.Write(ref _model, next);
            _logger.LogInformation("The embedding model changes from {Old} to {New}; live recall indexes re-embed their history in the background", replaced, next);
            Metrics?.RecordModelChange(applied: true);
        }

        replaced.Release();
        ModelChanged?.Invoke();
    }

    /// <summary>Stops following configuration and lets go of the configured model.</summary>
    public void Dispose()
    {
        _following?.Dispose();
        Model.Release();
    }

    private static RecallEmbeddingOptions Copy(RecallEmbeddingOptions o) => new()
    {
        Provider = o.Provider,
        Endpoint = o.Endpoint,
        Model = o.Model,
        ApiKey = o.ApiKey,
        Dimensions = o.Dimensions,
    };

    private static bool Same(RecallEmbeddingOptions a, RecallEmbeddingOptions b) =>
        string.Equals(a.Provider, b.Provider, StringComparison.OrdinalIgnoreCase)
        && a.Endpoint == b.Endpoint
        && a.Model == b.Model
        && a.ApiKey == b.ApiKey
        && a.Dimensions == b.Dimensions;
}
