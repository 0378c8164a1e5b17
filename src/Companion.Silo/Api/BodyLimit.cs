using Microsoft.AspNetCore.Http.Metadata;

namespace Companion.Silo.Api;

/// <summary>
/// An endpoint's own request body limit, in place of the global
/// <see cref="Hosting.CompanionOptions.MaxRequestBodyBytes"/>; <see cref="BodyLimitMiddleware"/> reads it.
/// </summary>
public sealed class BodyLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}

public static class BodyLimitExtensions
{
    /// <summary>Lets this endpoint accept bodies up to <paramref name="maxBytes"/>, larger or smaller than the global limit.</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder endpoint, long maxBytes) =>
        endpoint.WithMetadata(new BodyLimit(maxBytes));
}
