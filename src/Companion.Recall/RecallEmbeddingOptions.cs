namespace Companion.Recall;

/// <summary>Where embeddings come from (configuration section <c>Recall:Embeddings</c>).</summary>
public sealed class RecallEmbeddingOptions
{
    /// <summary>The in-process model (all-MiniLM-L6-v2 on ONNX Runtime): no network, the default.</summary>
    public const string Local = "Local";

    /// <summary>No embeddings: keyword search only.</summary>
    public const string None = "None";

    /// <summary>An OpenAI-compatible <c>/v1/embeddings</c> endpoint: the words searched and indexed leave the machine.</summary>
    public const string OpenAI = "OpenAI";

    /// <summary><see cref="Local"/>, <see cref="None"/> or <see cref="OpenAI"/> (any case).</summary>
    public string Provider { get; set; } = Local;

    /// <summary>For <see cref="OpenAI"/>: the API's base address, up to and including <c>/v1</c> (e.g. <c>https://api.openai.com/v1</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>For <see cref="OpenAI"/>: the model to ask for (e.g. <c>text-embedding-3-small</c>); recorded with every vector.</summary>
    public string? Model { get; set; }

    /// <summary>For <see cref="OpenAI"/>: the bearer key, from configuration or the environment (<c>Recall__Embeddings__ApiKey</c>); none for a local server that needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>For <see cref="OpenAI"/>: dimensions to ask for, for models that can shorten their vectors; the model's own when unset.</summary>
    public int? Dimensions { get; set; }
}
