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

    /// <summary>
    /// Appends handed over by the user's grain that may wait for the index; beyond it, the grain
    /// hands nothing more over and the index reads the rest back from the log when it catches up,
    /// so a slow or stalled index costs memory up to this bound and never holds an append.
    /// </summary>
    public int ObservedQueueCapacity { get; set; } = 1_024;

    /// <summary>Texts embedded in one call to the model.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>How results are ranked.</summary>
    public RecallTuning Tuning { get; set; } = new();
}
