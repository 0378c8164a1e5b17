namespace Companion.Domain.Events;

/// <summary>
/// What produced a companion's words: the model, and the runtime that served it with its
/// version when known. Equal values mean the same producer.
/// </summary>
/// <param name="Model">The model id, e.g. <c>sol-8b-chat</c>.</param>
/// <param name="Runtime">The serving runtime, e.g. <c>vllm</c>, if known.</param>
/// <param name="RuntimeVersion">The runtime's version, if known.</param>
[Immutable, GenerateSerializer, Alias("companion.model-runtime")]
public sealed record ModelRuntime(
    [property: Id(0)] string Model,
    [property: Id(1)] string? Runtime,
    [property: Id(2)] string? RuntimeVersion);
