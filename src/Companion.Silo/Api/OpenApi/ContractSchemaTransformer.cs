using Companion.Domain.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// Makes schemas say what the wire carries: enums are strings (the JSON options write them
/// camelCase by name), a persona's <c>extensions</c> is any JSON object (<see cref="PersonaJson"/>),
/// problem details name the <c>traceId</c> every one of them holds, and a request's
/// required fields are not nullable.
/// </summary>
public sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (Nullable.GetUnderlyingType(type) is { IsEnum: true })
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
        }
        else if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
        }
        else if ((type == typeof(Persona) || type == typeof(PersonaBody)) && schema.Properties?.TryGetValue("extensions", out _) == true)
        {
            schema.Properties["extensions"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                AdditionalProperties = AnyJson(),
                Description = "Any JSON object, kept verbatim (a Character Card's 'data.extensions').",
            };
        }
        else if (type == typeof(ProblemDetails) && schema.Properties is { } properties)
        {
            properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem: it finds the request in the logs." };
        }
        else if (type.Name.EndsWith("Request", StringComparison.Ordinal) && schema.Required is { Count: > 0 } required && schema.Properties is { } requestProperties)
        {
            // A request's required fields are nullable in C# only so that a missing one is answered
            // with a 400 that names it; on the wire null is refused, so the contract says string.
            foreach (var name in required)
            {
                if (requestProperties.TryGetValue(name, out var property) && property is OpenApiSchema { Type: { } wire } inline && wire.HasFlag(JsonSchemaType.Null))
                {
                    inline.Type = wire & ~JsonSchemaType.Null;
                }
            }
        }

        return Task.CompletedTask;
    }

    // Written out as `additionalProperties: {}`: generators read a bare object type as one that
    // may hold nothing (openapi-typescript: Record<string, never>), not as any JSON object.
    private static OpenApiSchema AnyJson() => new();
}
