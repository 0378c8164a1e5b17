using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, written for generated clients: OpenAPI 3.0
/// (NSwag and Kiota read every construct of it; 3.1's type arrays they do not all read), a
/// bearer scheme, an operation id, summary and error answers on every operation.
/// </summary>
public static class OpenApiHosting
{
    public static IServiceCollection AddCompanionOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Companion.Grains",
                    Version = "v1",
                    Description = "The memory of AI companions: every message, journal entry, memory and persona change is an event in the user's own append-only, hash-chained, encrypted log. Errors are problem details whose 'detail' says what to fix.",
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<ContentTransformer>();
            options.AddSchemaTransformer<ContractSchemaTransformer>();
            options.AddDocumentTransformer<ServiceEndpointsTransformer>();
            options.AddDocumentTransformer<DocumentTidyTransformer>();
        });
}
