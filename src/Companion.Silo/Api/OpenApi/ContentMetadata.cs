namespace Companion.Silo.Api.OpenApi;

/// <summary>Endpoint metadata: the request body is bytes of <paramref name="ContentType"/>, not JSON (an archive import).</summary>
public sealed record BinaryRequestBody(string ContentType, string Description);

/// <summary>Endpoint metadata: the answer with <paramref name="Status"/> is bytes of <paramref name="ContentType"/> (an export; several types separated by commas).</summary>
public sealed record BinaryResponse(int Status, string ContentType, string Description);

/// <summary>
/// Endpoint metadata: the answer with <paramref name="Status"/> may also be text of <paramref name="ContentType"/>
/// (chosen by a query parameter or the Accept header), beside what the handler's signature declares.
/// </summary>
public sealed record AlsoProducesText(int Status, string ContentType, string Description);

/// <summary>Endpoint metadata: the body is a Character Card (JSON, PNG or CHARX), which the handler reads itself.</summary>
public sealed record CharacterCardBody;

/// <summary>Endpoint metadata: the 200 answer is a Character Card as JSON, PNG or CHARX.</summary>
public sealed record CharacterCardResponse;

/// <summary>Declares bodies and answers that the handler's signature cannot show.</summary>
public static class ContentMetadataExtensions
{
    public static RouteHandlerBuilder AcceptsBinary(this RouteHandlerBuilder endpoint, string contentType, string description) =>
        endpoint.WithMetadata(new BinaryRequestBody(contentType, description));

    public static RouteHandlerBuilder AlsoProducesText(this RouteHandlerBuilder endpoint, int status, string contentType, string description) =>
        endpoint.WithMetadata(new AlsoProducesText(status, contentType, description));

    public static RouteHandlerBuilder AcceptsCharacterCard(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new CharacterCardBody());

    public static RouteHandlerBuilder ProducesCard(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new CharacterCardResponse());
}
