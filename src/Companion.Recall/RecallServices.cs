using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Companion.Recall;

/// <summary>What each user's recall projection shares with every other on the silo.</summary>
/// <param name="options">How recall runs.</param>
/// <param name="tokenizers">Token counters for context budgets.</param>
/// <param name="logger">Logs figures and failures, never words.</param>
/// <param name="embeddings">The embedding model; none when semantic search is off.</param>
/// <param name="metrics">Where lag and throughput are measured.</param>
public sealed class RecallServices(
    IOptions<RecallOptions> options,
    ContextTokenizers tokenizers,
    ILogger<RecallServices> logger,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
    RecallMetrics? metrics = null)
{
    /// <summary>How recall runs.</summary>
    public RecallOptions Options => options.Value;

    /// <summary>Token counters for context budgets.</summary>
    public ContextTokenizers Tokenizers => tokenizers;

    /// <summary>Logs figures and failures, never words.</summary>
    public ILogger Logger => logger;

    /// <summary>The embedding model; none when semantic search is off.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings => embeddings;

    /// <summary>Where lag and throughput are measured.</summary>
    public RecallMetrics? Metrics => metrics;

    /// <summary>
    /// One background embedding batch at a time on the silo, whatever the number of users: the
    /// model is CPU-bound and appends share the cores. Queries are not held by it.
    /// </summary>
    public SemaphoreSlim BackgroundEmbedding { get; } = new(1, 1);
}
