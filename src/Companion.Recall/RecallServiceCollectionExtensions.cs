using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Companion.Recall;

/// <summary>Registers recall: shared services, the configured embedding model, token counters.</summary>
public static class RecallServiceCollectionExtensions
{
    /// <summary>
    /// Adds recall with the options given (<see cref="RecallOptions.Embeddings"/>: <c>Local</c>, <c>None</c> or
    /// <c>OpenAI</c>); refuses any other embedding source, or an incomplete one, at start-up. The
    /// model stays what these options say.
    /// </summary>
    public static IServiceCollection AddRecall(this IServiceCollection services, Action<RecallOptions>? configure = null)
    {
        var options = new RecallOptions();
        configure?.Invoke(options);
        services.Configure<RecallEmbeddingOptions>(o =>
        {
            o.Provider = options.Embeddings.Provider;
            o.Endpoint = options.Embeddings.Endpoint;
            o.Model = options.Embeddings.Model;
            o.ApiKey = options.Embeddings.ApiKey;
            o.Dimensions = options.Embeddings.Dimensions;
        });
        return services.AddRecallCore(options);
    }

    /// <summary>
    /// Adds recall as the <c>Recall</c> section <paramref name="recall"/> configures it, refusing an
    /// unusable embedding source at start-up, and follows <c>Recall:Embeddings</c> while the silo
    /// runs: a change re-embeds live indexes in the background (<see cref="RecallServices"/>).
    /// </summary>
    public static IServiceCollection AddRecall(this IServiceCollection services, IConfiguration recall)
    {
        ArgumentNullException.ThrowIfNull(recall);
        var options = new RecallOptions();
        recall.Bind(options);
        services.Configure<RecallEmbeddingOptions>(recall.GetSection("Embeddings"));
        return services.AddRecallCore(options);
    }

    private static IServiceCollection AddRecallCore(this IServiceCollection services, RecallOptions options)
    {
        services.Configure<RecallOptions>(o =>
        {
            o.Embeddings = options.Embeddings;
            o.EmbeddingQueueCapacity = options.EmbeddingQueueCapacity;
            o.EmbeddingBatchSize = options.EmbeddingBatchSize;
            o.ObservedQueueCapacity = options.ObservedQueueCapacity;
            o.Tuning = options.Tuning;
        });
        RecallModel.Validate(options.Embeddings);
        if (options.EmbeddingQueueCapacity < 1 || options.EmbeddingBatchSize < 1 || options.ObservedQueueCapacity < 1)
        {
            throw new InvalidOperationException("Recall:EmbeddingQueueCapacity, Recall:EmbeddingBatchSize and Recall:ObservedQueueCapacity must be at least 1.");
        }

        services.AddSingleton<ContextTokenizers>();
        services.AddSingleton<RecallMetrics>();
        services.AddSingleton(provider => RecallServices.Following(
            provider.GetRequiredService<IOptions<RecallOptions>>(),
            provider.GetRequiredService<ContextTokenizers>(),
            provider.GetRequiredService<ILogger<RecallServices>>(),
            provider.GetRequiredService<IOptionsMonitor<RecallEmbeddingOptions>>(),
            provider.GetService<RecallMetrics>()));
        return services;
    }
}
