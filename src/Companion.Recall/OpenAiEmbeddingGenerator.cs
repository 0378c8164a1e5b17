using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Companion.Recall;

/// <summary>
/// Embeddings from an OpenAI-compatible endpoint (<c>POST {endpoint}/embeddings</c>: OpenAI, Azure
/// OpenAI's v1 surface, Ollama, vLLM, LM Studio and others that speak the same wire format).
/// The texts go over the network to whoever runs that endpoint; the operator chooses this.
/// Failures say the status code, never the texts.
/// </summary>
public sealed class OpenAiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HttpClient _http;
    private readonly Uri _embeddings;
    private readonly string _model;
    private readonly int? _dimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Talks to <paramref name="endpoint"/> (its base, up to <c>/v1</c>) for <paramref name="model"/>.</summary>
    public OpenAiEmbeddingGenerator(Uri endpoint, string model, string? apiKey = null, int? dimensions = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _embeddings = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/embeddings");
        _model = model;
        _dimensions = dimensions;
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        _metadata = new EmbeddingGeneratorMetadata("OpenAI-compatible", endpoint, model, dimensions);
    }

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        using var response = await _http.PostAsJsonAsync(_embeddings, new EmbeddingRequest(_model, texts, "float", _dimensions), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The embedding endpoint answered {(int)response.StatusCode} {response.ReasonPhrase} for {texts.Length} texts.", null, response.StatusCode);
        }

        var answer = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken)
            ?? throw new InvalidDataException("The embedding endpoint answered an empty body.");
        if (answer.Data is not { Length: var count } data || count != texts.Length)
        {
            throw new InvalidDataException($"The embedding endpoint answered {answer.Data?.Length ?? 0} vectors for {texts.Length} texts.");
        }

        // Each vector names the input it belongs to; the order of the list is not promised.
        var vectors = new Embedding<float>[texts.Length];
        foreach (var item in data)
        {
            if (item.Index < 0 || item.Index >= texts.Length || item.Embedding is not { Length: > 0 } embedding)
            {
                throw new InvalidDataException($"The embedding endpoint answered a vector for input {item.Index} of {texts.Length}, or an empty one.");
            }

            vectors[item.Index] = new Embedding<float>(embedding) { ModelId = _model };
        }

        return vectors.Any(v => v is null)
            ? throw new InvalidDataException("The embedding endpoint answered two vectors for one input and none for another.")
            : new GeneratedEmbeddings<Embedding<float>>(vectors);
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
    public void Dispose() => _http.Dispose();

    private sealed record EmbeddingRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("input")] string[] Input,
        [property: JsonPropertyName("encoding_format")] string EncodingFormat,
        [property: JsonPropertyName("dimensions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Dimensions);

    private sealed record EmbeddingResponse([property: JsonPropertyName("data")] EmbeddingItem[]? Data);

    private sealed record EmbeddingItem(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("embedding")] float[]? Embedding);
}
