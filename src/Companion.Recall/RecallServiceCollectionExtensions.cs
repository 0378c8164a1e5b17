using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Recall;

/// <summary>Registers recall: shared services, the configured embedding model, token counters.</summary>
public static class RecallServiceCollectionExtensions
{
    /// <summary>
    /// Adds recall with the options given (<see cref="RecallOptions.Embeddings"/>: <c>Local</c>, <c>None</c> or
    /// <c>OpenAI</c>); refuses any other embedding source, or an incomplete one, at start-up.
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
            o.ObservedQueueCapacity = options.ObservedQueueCapacity;
            o.Tuning = options.Tuning;
        });
        var embeddings = options.Embeddings;
        switch (embeddings.Provider.ToUpperInvariant())
        {
            case "LOCAL":
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
                break;
            case "NONE":
                break;
            case "OPENAI":
                if (!Uri.TryCreate(embeddings.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
                {
                    throw new InvalidOperationException($"Recall:Embeddings:Endpoint must be the http(s) base address of an OpenAI-compatible API (e.g. https://api.openai.com/v1); it was '{embeddings.Endpoint}'.");
                }

                if (string.IsNullOrWhiteSpace(embeddings.Model))
                {
                    throw new InvalidOperationException("Recall:Embeddings:Model must name the embedding model to ask for (e.g. text-embedding-3-small).");
                }

                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
                    _ => new OpenAiEmbeddingGenerator(endpoint, embeddings.Model, embeddings.ApiKey, embeddings.Dimensions));
                break;
            default:
                throw new InvalidOperationException($"Recall:Embeddings:Provider is '{embeddings.Provider}'; use 'Local' (in-process MiniLM), 'None' (keyword search only) or 'OpenAI' (an OpenAI-compatible endpoint).");
        }

        if (options.EmbeddingQueueCapacity < 1 || options.EmbeddingBatchSize < 1 || options.ObservedQueueCapacity < 1)
        {
            throw new InvalidOperationException("Recall:EmbeddingQueueCapacity, Recall:EmbeddingBatchSize and Recall:ObservedQueueCapacity must be at least 1.");
        }

        services.AddSingleton<ContextTokenizers>();
        services.AddSingleton<RecallMetrics>();
        services.AddSingleton<RecallServices>();
        return services;
    }
}
