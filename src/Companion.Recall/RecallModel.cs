using Microsoft.Extensions.AI;

namespace Companion.Recall;

/// <summary>
/// One configured embedding model as the silo's projections share it: its name, the key its
/// vectors are kept under, and its generator. Held by <see cref="RecallServices"/> while it is the
/// configured one and by each projection that still embeds or searches with it; the last holder to
/// let go disposes the generator, so a model replaced by a configuration change lives on exactly as
/// long as some index still answers with its vectors.
/// </summary>
public sealed class RecallModel
{
    private readonly bool _owned;
    private int _holders = 1;

    private RecallModel(string? name, string? key, IEmbeddingGenerator<string, Embedding<float>>? generator, bool owned)
    {
        Name = name;
        Key = key;
        Generator = generator;
        _owned = owned;
    }

    /// <summary>The model's id, as searches report it; null when semantic search is off.</summary>
    public string? Name { get; }

    /// <summary>
    /// What its vectors are kept under: two configurations with the same key make the same vectors
    /// (a new API key, say), any other change is another model whose vectors are never compared
    /// with these. Null when semantic search is off.
    /// </summary>
    public string? Key { get; }

    /// <summary>The generator; null when semantic search is off.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Generator { get; }

    /// <summary>Semantic search off: keyword search only.</summary>
    internal static RecallModel None() => new(null, null, null, owned: false);

    /// <summary>A generator given by the host, which disposes it: keyed by the model id it reports.</summary>
    internal static RecallModel Given(IEmbeddingGenerator<string, Embedding<float>>? generator)
    {
        var name = generator?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        return name is null ? None() : new RecallModel(name, name, generator, owned: false);
    }

    /// <summary>
    /// Builds the model <paramref name="options"/> configure, after <see cref="Validate"/>; the model
    /// owns the generator it makes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are incomplete or name no known provider.</exception>
    internal static RecallModel Build(RecallEmbeddingOptions options)
    {
        Validate(options);
        switch (options.Provider.ToUpperInvariant())
        {
            case "LOCAL":
                return new RecallModel(MiniLmEmbeddingGenerator.ModelId, MiniLmEmbeddingGenerator.ModelId, new MiniLmEmbeddingGenerator(), owned: true);
            case "OPENAI":
                var endpoint = new Uri(options.Endpoint ?? "");
                var model = options.Model ?? "";
                // The endpoint is part of the key: a model of the same name elsewhere may be another model.
                var key = $"{model} at {endpoint.AbsoluteUri}" + (options.Dimensions is { } d ? $" ({d} dimensions)" : "");
                return new RecallModel(model, key, new OpenAiEmbeddingGenerator(endpoint, model, options.ApiKey, options.Dimensions), owned: true);
            default:
                return None();
        }
    }

    /// <summary>Refuses options that name no known provider, or an OpenAI-compatible one without an http(s) endpoint or a model.</summary>
    /// <exception cref="InvalidOperationException">What is wrong, naming the setting to fix.</exception>
    public static void Validate(RecallEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider?.ToUpperInvariant())
        {
            case "LOCAL" or "NONE":
                return;
            case "OPENAI":
                if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
                {
                    throw new InvalidOperationException($"Recall:Embeddings:Endpoint must be the http(s) base address of an OpenAI-compatible API (e.g. https://api.openai.com/v1); it was '{options.Endpoint}'.");
                }

                if (string.IsNullOrWhiteSpace(options.Model))
                {
                    throw new InvalidOperationException("Recall:Embeddings:Model must name the embedding model to ask for (e.g. text-embedding-3-small).");
                }

                if (options.Dimensions is < 1)
                {
                    throw new InvalidOperationException($"Recall:Embeddings:Dimensions must be at least 1 when set; it was {options.Dimensions}.");
                }

                return;
            default:
                throw new InvalidOperationException($"Recall:Embeddings:Provider is '{options.Provider}'; use 'Local' (in-process MiniLM), 'None' (keyword search only) or 'OpenAI' (an OpenAI-compatible endpoint).");
        }
    }

    /// <summary>Takes a hold on the model; false when every holder has let go (it is disposed: take the current one instead).</summary>
    public bool TryHold()
    {
        var holders = Volatile.Read(ref _holders);
        while (holders > 0)
        {
            var seen = Interlocked.CompareExchange(ref _holders, holders + 1, holders);
            if (seen == holders)
            {
                return true;
            }

            holders = seen;
        }

        return false;
    }

    /// <summary>Lets go of a hold; the last one disposes the generator the model made.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0 && _owned)
        {
            Generator?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name ?? "none (keyword search only)";
}
