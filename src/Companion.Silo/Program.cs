using System.Text.Json;
using System.Text.Json.Serialization;
using Companion.Silo;
using Companion.Silo.Api;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Companion.Silo.Operators;
using Microsoft.AspNetCore.Authentication;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["Urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

// Metrics first: its listener then starts before the silo records anything.
builder.AddCompanionMetrics();
builder.AddCompanionSilo();

builder.Services.AddSingleton<AccessTokens>();
builder.Services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Admin, policy => policy.RequireRole(BearerAuthenticationHandler.AdminRole));
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddCompanionRateLimits(builder.Configuration);
builder.Services.AddCompanionHealthChecks();
builder.Services.AddSingleton<EventTypeCounts>();
builder.WebHost.ConfigureKestrel((context, kestrel) =>
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue("Companion:MaxRequestBodyBytes", 1024L * 1024));

var app = builder.Build();
app.Services.GetRequiredService<AccessTokens>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BodyLimitMiddleware>();
app.UseCompanionDashboardHeaders();
app.UseAuthentication();
app.UseRateLimiter(); // after authentication (limits are per user), before authorization (so refused callers are limited too)
app.UseAuthorization();

var v1 = app.MapGroup("/v1").RequireAuthorization();
v1.MapUsersApi();
v1.MapImportsApi();
v1.MapGroup("/users/{userId}")
    .AddEndpointFilter<UserAccessFilter>()
    .MapCompanionsApi()
    .MapMemoriesApi()
    .MapResetsApi()
    .MapJournalApi()
    .MapTokensApi()
    .MapErasureApi()
    .MapLogApi()
    .MapExportApi();

app.MapOpenApi();
app.MapCompanionHealthChecks();
app.MapGet("/livez", () => "ok").ExcludeFromDescription();
app.MapCompanionMetrics();
app.MapLoginApi();
app.MapOperatorsApi();
app.MapCompanionDashboard();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
