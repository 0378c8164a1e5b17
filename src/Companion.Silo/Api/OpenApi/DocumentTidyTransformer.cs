using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// The last pass over the document: what the generator writes that OpenAPI 3.0 readers refuse
/// or that leaves a reader guessing. A nullable reference comes out as
/// <c>oneOf: [{nullable: true}, {$ref}]</c>, which 3.0 forbids (nullable without a type); it
/// becomes <c>{type: object, nullable: true, allOf: [{$ref}]}</c>. The server URL loses its
/// trailing slash (paths start with one), and every tag says what it groups.
/// </summary>
public sealed class DocumentTidyTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["UsersApi"] = "Creating users (admin) and issuing their tokens.",
        ["ImportsApi"] = "Restoring a continuity archive into an empty stream (admin).",
        ["CompanionsApi"] = "Companions, their personas, sessions and messages, and the memory context for the model.",
        ["MemoriesApi"] = "What a companion remembers: record, pin, forget.",
        ["ResetsApi"] = "Soft resets of a companion's memory, and undoing them; nothing is deleted.",
        ["JournalApi"] = "The user's journal.",
        ["TokensApi"] = "A user's access tokens: another one, or revoking every earlier one.",
        ["ErasureApi"] = "Erasure: the user's key destroyed, then every event removed.",
        ["LogApi"] = "The raw log with its hashes, and the state derived from it.",
        ["ExportApi"] = "The continuity archive of a user.",
        ["Operators"] = "The operators' login and the companion panel's figures (admin); never words.",
        ["Service"] = "Liveness, readiness and metrics.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? Enumerable.Empty<OpenApiServer>())
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description ??= description;
            }
        }

        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            document.Components!.Schemas![name] = Tidy(schema);
        }

        foreach (var operation in (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            {
                if (media.Schema is { } schema)
                {
                    media.Schema = Tidy(schema);
                }
            }

            foreach (var media in (operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(response => response.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()))
            {
                if (media.Schema is { } schema)
                {
                    media.Schema = Tidy(schema);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static IOpenApiSchema Tidy(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema; // a reference: its target is tidied among the components
        }

        if (concrete.OneOf is [var first, var second] && (IsNull(first) || IsNull(second)))
        {
            var other = IsNull(first) ? second : first;
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                AllOf = [Tidy(other)],
                Description = concrete.Description,
            };
        }

        if (concrete.Properties is { } properties)
        {
            foreach (var key in properties.Keys.ToList())
            {
                properties[key] = Tidy(properties[key]);
            }
        }

        if (concrete.Items is { } items)
        {
            concrete.Items = Tidy(items);
        }

        if (concrete.AdditionalProperties is { } additional)
        {
            concrete.AdditionalProperties = Tidy(additional);
        }

        return concrete;
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}
