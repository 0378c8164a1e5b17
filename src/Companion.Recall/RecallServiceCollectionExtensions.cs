using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Recall;

/// <summary>Registers recall: shared services, the configured embedding model, token counters.</summary>
public static class RecallServiceCollectionExtensions
{
    /// <summary>
    /// Adds recall with the options given (<see cref="RecallOptions.Embeddings"/> <c>local</c> or
    /// <c>none</c>); refuses any other embedding source at start-up.
    /// </summary>
    public static IServiceCollection AddRecall(this IServiceCollection services, Action<RecallOptions>? configure = null)
    {
        var options = new RecallOptions();
        configure?.Invoke(options);
        services.Configure<RecallOptions>(o =>
        {
            o.Embeddings = options.Embeddings;
            o.EmbeddingQueueCapacity = options.EmbeddingQueueCapacity;
            o.EmbeddingBatchSize = options.EmbeddingBatchSize;
            o.Tuning = options.Tuning;
        });
        switch (options.Embeddings)
        {
            case "local":
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
                break;
            case "none":
                break;
            default:
                throw new InvalidOperationException($"Recall:Embeddings is '{options.Embeddings}'; use 'local' (in-process MiniLM) or 'none' (keyword search only).");
        }

        if (options.EmbeddingQueueCapacity < 1 || options.EmbeddingBatchSize < 1)
        {
            throw new InvalidOperationException("Recall:EmbeddingQueueCapacity and Recall:EmbeddingBatchSize must be at least 1.");
        }

        services.AddSingleton<ContextTokenizers>();
        services.AddSingleton<RecallMetrics>();
        services.AddSingleton<RecallServices>();
        return services;
    }
}
