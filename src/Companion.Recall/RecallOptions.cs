namespace Companion.Recall;

/// <summary>How recall runs (configuration section <c>Recall</c>).</summary>
public sealed class RecallOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recall";

    /// <summary>
    /// Where embeddings come from: <c>Local</c> (the default: all-MiniLM-L6-v2 in process on ONNX
    /// Runtime, no network), <c>None</c> (keyword search only) or <c>OpenAI</c> (an OpenAI-compatible endpoint).
    /// </summary>
    public RecallEmbeddingOptions Embeddings { get; set; } = new();

    /// <summary>Items waiting to be embedded before the index's catch-up waits for the embedder.</summary>
    public int EmbeddingQueueCapacity { get; set; } = 4_096;

    /// <summary>Texts embedded in one call to the model.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>How results are ranked.</summary>
    public RecallTuning Tuning { get; set; } = new();
}
