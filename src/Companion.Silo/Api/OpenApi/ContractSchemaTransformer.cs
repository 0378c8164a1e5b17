using Companion.Domain.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// Makes schemas say what the wire carries: enums are strings (the JSON options write them
/// camelCase by name), a persona's <c>extensions</c> is an object (<see cref="PersonaJson"/>), and
/// problem details name the <c>traceId</c> every one of them holds.
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
                AdditionalPropertiesAllowed = true,
                Description = "Any JSON object, kept verbatim (a Character Card's 'data.extensions').",
            };
        }
        else if (type == typeof(ProblemDetails) && schema.Properties is { } properties)
        {
            properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem: it finds the request in the logs." };
        }

        return Task.CompletedTask;
    }
}
