namespace Companion.Recall;

/// <summary>How recall runs (configuration section <c>Recall</c>).</summary>
public sealed class RecallOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recall";

    /// <summary>
    /// Where embeddings come from: <c>local</c> (the default: all-MiniLM-L6-v2 in process on ONNX
    /// Runtime, no network) or <c>none</c> (keyword search only).
    /// </summary>
    public string Embeddings { get; set; } = "local";

    /// <summary>Items waiting to be embedded before the index's catch-up waits for the embedder.</summary>
    public int EmbeddingQueueCapacity { get; set; } = 4_096;

    /// <summary>Texts embedded in one call to the model.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>How results are ranked.</summary>
    public RecallTuning Tuning { get; set; } = new();
}
