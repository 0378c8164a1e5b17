using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// <c>/healthz</c> and <c>/metrics</c> are served by middleware endpoints (health checks, the
/// Prometheus exporter) that the API explorer does not see; they are described here so the
/// document lists everything a client or an operator calls.
/// </summary>
public sealed class ServiceEndpointsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        document.AddComponent("HealthReport", HealthReport());
        var report = new OpenApiSchemaReference("HealthReport", document);
        document.Paths["/healthz"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "getHealth",
                    Summary = "Readiness: the event log is reachable and the silo is active (anonymous).",
                    Tags = new HashSet<OpenApiTagReference> { new("Service", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Json("Healthy or degraded.", report),
                        ["503"] = Json("Unhealthy: the report says which check failed.", report),
                        ["429"] = Problem("Too many requests without a valid token.", new OpenApiSchemaReference("ProblemDetails", document)),
                    },
                },
            },
        };

        var problem = new OpenApiSchemaReference("ProblemDetails", document);
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "getMetrics",
                    Summary = "Prometheus metrics in the text exposition format: figures only, never words (admin).",
                    Tags = new HashSet<OpenApiTagReference> { new("Service", document) },
                    Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityTransformer.SchemeName, document)] = [] }],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "The metrics.",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                        },
                        ["401"] = Problem("No token, or not a valid one.", problem),
                        ["403"] = Problem("A user token: metrics need the admin token.", problem),
                        ["429"] = Problem("Too many requests without a valid token.", problem),
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };

    private static OpenApiSchema HealthReport()
    {
        var status = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "status", "totalDuration", "entries" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = status,
                ["totalDuration"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A TimeSpan, e.g. 00:00:00.0123456." },
                ["entries"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "One entry per check: event-log, silo.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "status", "duration" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = status,
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                            ["duration"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        },
                    },
                },
            },
        };
    }
}
