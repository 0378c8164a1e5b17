using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Companion.Silo;
using Companion.Silo.Api;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Companion.Silo.Feed;
using Companion.Silo.Hosting;
using Companion.Silo.Operators;
using Microsoft.AspNetCore.Authentication;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["Urls"]))
{
    // The default; --urls, Urls in configuration or ASPNETCORE_URLS choose another.
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

// Metrics first: its listener then starts before the silo records anything.
builder.AddCompanionMetrics();
builder.AddCompanionSilo();

builder.Services.AddSingleton<AccessTokens>();
builder.Services.AddSingleton<TokenRevocations>();
builder.Services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Admin, policy => policy.RequireRole(BearerAuthenticationHandler.AdminRole));
builder.Services.AddSharedPolicyEvaluator();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    // Numbers are numbers: the document then says "integer", which generated clients map exactly.
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
        .WithAddedModifier(PersonaJson.ExtensionsAsObject);
});
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Problems.Complete(context.HttpContext, context.ProblemDetails));
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddCompanionOpenApi();
builder.Services.AddCompanionRateLimits(builder.Configuration);
builder.Services.AddCompanionHealthChecks();
builder.Services.AddSingleton<EventTypeCounts>();
builder.Services.AddCompanionEventStream(builder.Configuration);
builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue("Companion:MaxRequestBodyBytes", 1024L * 1024);

    // A search or context query may be long, in any script, percent-encoded three bytes a byte:
    // the request line is let through (Kestrel's own 8 KiB would answer 414 with no detail) so
    // that the endpoint answers what is wrong with the query itself.
    kestrel.Limits.MaxRequestLineSize = 128 * 1024;
    kestrel.Limits.MaxRequestHeadersTotalSize = 160 * 1024;
});

var app = builder.Build();
app.Services.GetRequiredService<AccessTokens>();

app.UseMiddleware<JsonTrailingNewline>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BodyLimitMiddleware>();
app.UseCompanionDashboardHeaders();
app.UseAuthentication();
app.UseRateLimiter(); // after authentication (limits are per user), before authorization (so refused callers are limited too)
app.UseAuthorization();

var v1 = app.MapGroup("/v1").RequireAuthorization()
    .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
v1.MapUsersApi();
v1.MapImportsApi();
v1.MapWebhooksApi();
v1.MapPracticesApi();
v1.MapGroup("/users/{userId}")
    .AddEndpointFilter<UserAccessFilter>()
    .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status503ServiceUnavailable)
    .MapCompanionsApi()
    .MapMemoriesApi()
    .MapResetsApi()
    .MapPersonaHistoryApi()
    .MapJournalApi()
    .MapSearchApi()
    .MapLookbackApi()
    .MapReflectionApi()
    .MapTokensApi()
    .MapErasureApi()
    .MapLogApi()
    .MapEventStreamApi()
    .MapExportApi();

app.MapOpenApi();
app.MapCompanionHealthChecks();
app.MapGet("/livez", () => "ok")
    .WithName("getLiveness")
    .WithTags("Service")
    .WithSummary("Liveness: the process answers (anonymous); 'ok' as text/plain.")
    .ProducesProblems(StatusCodes.Status429TooManyRequests);
app.MapCompanionMetrics();
app.MapLoginApi();
app.MapOperatorsApi();
app.MapCompanionDashboard();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
