using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// Writes the bodies and answers declared by <see cref="BinaryRequestBody"/>, <see cref="BinaryResponse"/>
/// <see cref="AlsoProducesText"/> and <see cref="CharacterCardBody"/>: a zip is <c>type: string, format: binary</c> under its own
/// media type (a <c>$ref</c> to .NET's <c>Stream</c> means nothing to a client), a card an object.
/// </summary>
public sealed class ContentTransformer : IOpenApiOperationTransformer
{
    public const string CharacterCardSchema = "CharacterCard";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var body in metadata.OfType<BinaryRequestBody>())
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new() { Schema = Binary() } },
            };
        }

        foreach (var answer in metadata.OfType<BinaryResponse>())
        {
            operation.Responses ??= [];
            operation.Responses[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = answer.Description,
                Content = answer.ContentType.Split(',', StringSplitOptions.TrimEntries).ToDictionary(type => type, _ => new OpenApiMediaType { Schema = Binary() }),
            };
        }

        foreach (var text in metadata.OfType<AlsoProducesText>())
        {
            operation.Responses ??= [];
            var status = text.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var existing) || existing is not OpenApiResponse response)
            {
                response = new OpenApiResponse { Description = text.Description };
                operation.Responses[status] = response;
            }

            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[text.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = text.Description } };
        }

        if (metadata.OfType<CharacterCardBody>().Any())
        {
            context.Document?.AddComponent(CharacterCardSchema, CharacterCard());
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A Character Card: a V1, V2 (chara_card_v2) or V3 (chara_card_v3) JSON object, a PNG with the card in tEXt 'ccv3' or 'chara', or a CHARX zip with card.json; " +
                    "or any of these as the one file of a multipart/form-data upload (its form is told by its bytes). A PNG card's image, or a CHARX's icon, becomes the companion's picture.",
                Content = UploadContent(context),
            };
        }

        if (metadata.OfType<CharacterCardResponse>().Any())
        {
            context.Document?.AddComponent(CharacterCardSchema, CharacterCard());
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The card, in the form 'format' asked for.",
                Content = CardContent(context),
            };
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, OpenApiMediaType> CardContent(OpenApiOperationTransformerContext context) => new()
    {
        ["application/json"] = new() { Schema = new OpenApiSchemaReference(CharacterCardSchema, context.Document) },
        ["image/png"] = new() { Schema = Binary() },
        ["application/zip"] = new() { Schema = Binary() },
    };

    private static Dictionary<string, OpenApiMediaType> UploadContent(OpenApiOperationTransformerContext context)
    {
        var content = CardContent(context);
        content["multipart/form-data"] = new()
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The card file: JSON, PNG or CHARX." },
                },
            },
        };
        return content;
    }

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private static OpenApiSchema CharacterCard() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A Character Card: 'spec' names the version, 'data' holds the persona fields; 'data.extensions' is kept as it is.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["spec"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "'chara_card_v2' or 'chara_card_v3'; a V1 card has no spec and its fields at the top." },
            ["spec_version"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "'2.0' or '3.0'." },
            ["data"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Every field of the specification (character_book, alternate_greetings, assets, …) and any other is kept as it is.",
                AdditionalProperties = AnyJson(),
            },
        },
        AdditionalProperties = AnyJson(),
    };

    // Written out as `additionalProperties: {}`: generators read a bare object type as one that
    // may hold nothing (openapi-typescript: Record<string, never>), not as any JSON object.
    private static OpenApiSchema AnyJson() => new();
}
