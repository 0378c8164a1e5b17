using System.Net;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Silo.Tests;

/// <summary>
/// Every endpoint of the API, found from the app's own routes (so a new endpoint cannot be
/// missed), called with no token, a malformed token, a forged one, a revoked one, an expired one,
/// another user's token, the admin token and the right token: 401 and 403 exactly where they belong,
/// and nothing refused leaves a trace in the user's log. The admin token reaches only the routes that
/// answer no words (issuing and revoking tokens, erasure): a user's words are theirs alone.
/// </summary>
public sealed class IsolationMatrixTests
{
    private static readonly string[] AdminOnly = ["/v1/users", "/v1/imports", "/v1/webhooks"];

    // The user routes an operator may call, each answering no words; a new one must be added here on purpose.
    private static readonly string[] OperatorRoutes =
        ["DELETE /v1/users/{userId}", "POST /v1/users/{userId}/tokens", "POST /v1/users/{userId}/tokens/revoke"];

    [Fact]
    public async Task Every_user_endpoint_answers_401_or_403_to_every_wrong_credential_and_serves_the_right_one()
    {
        await using var silo = new SiloFactory();
        silo.Settings["Companion:UserTokenLifetime"] = "00:00:03";
        var (victimId, victim) = await silo.NewUserAsync("Victim");
        var (otherId, _) = await silo.NewUserAsync("Other");
        var companionId = await victim.NewCompanionAsync(victimId);
        var sessionId = await victim.NewSessionAsync(victimId, companionId);
        var victimToken = victim.DefaultRequestHeaders.Authorization!.Parameter!;
        var endpoints = UserEndpoints(silo, victimId, companionId, sessionId);
        Assert.True(endpoints.Count >= 17, $"expected every user endpoint, found {endpoints.Count}: {string.Join(", ", endpoints)}");
        var before = await silo.HeadVersionAsync(victimId);

        var failures = new List<string>();
        async Task Expect(string credential, HttpClient client, UserEndpoint endpoint, Func<HttpStatusCode, bool> ok)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
            if (endpoint.Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            // Headers only: the live event stream never ends by itself; disposing the response closes it.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!ok(response.StatusCode))
            {
                failures.Add($"{credential}: {endpoint.Method} {endpoint.Path} -> {(int)response.StatusCode}");
            }
        }

        foreach (var endpoint in endpoints)
        {
            await Expect("no token", silo.ClientWith(null), endpoint, s => s == HttpStatusCode.Unauthorized);
            await Expect("malformed token", silo.ClientWith("not a token at all"), endpoint, s => s == HttpStatusCode.Unauthorized);
            await Expect("forged token", silo.ClientWith(victimToken[..^4] + "AAAA"), endpoint, s => s == HttpStatusCode.Unauthorized);
            // Tokens live 3 s here (the expiry below is waited for), so a valid one is minted per
            // request: on a slow machine the matrix outlasts any one token.
            using var other = await silo.UserClientAsync(otherId);
            await Expect("another user's token", other, endpoint, s => s == HttpStatusCode.Forbidden);
            if (!endpoint.Operator)
            {
                await Expect("the admin token", silo.Admin(), endpoint, s => s == HttpStatusCode.Forbidden);
            }
        }

        Assert.Equal(OperatorRoutes, endpoints.Where(e => e.Operator).Select(e => $"{e.Method} {e.Template}").Order(StringComparer.Ordinal));

        Assert.Empty(failures);
        Assert.Equal(before, await silo.HeadVersionAsync(victimId));

        foreach (var endpoint in endpoints.Where(e => e.Method == "GET"))
        {
            using var owner = await silo.UserClientAsync(victimId);
            await Expect("the right token", owner, endpoint, s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)s < 500);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(20));
        var revoked = await silo.Admin().PostAsync($"/v1/users/{victimId}/tokens/revoke", null).Expect(HttpStatusCode.OK);
        var expiring = revoked.GetProperty("token").GetString()!;
        foreach (var endpoint in endpoints)
        {
            await Expect("a revoked token", victim, endpoint, s => s == HttpStatusCode.Unauthorized);
        }

        await Task.Delay(TimeSpan.FromSeconds(3.2));
        foreach (var endpoint in endpoints)
        {
            await Expect("an expired token", silo.ClientWith(expiring), endpoint, s => s == HttpStatusCode.Unauthorized);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Admin_only_endpoints_refuse_user_tokens_with_403_and_strangers_with_401()
    {
        await using var silo = new SiloFactory();
        var (_, user) = await silo.NewUserAsync();
        var paths = AdminOnly.Select(p => ("POST", p)).Concat([("GET", "/metrics"), ("GET", "/dashboard/"), ("GET", "/admin/api/overview")]).ToList();

        foreach (var (method, path) in paths)
        {
            using var byUser = await user.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            using var byNobody = await silo.ClientWith(null).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

            Assert.True(byUser.StatusCode == HttpStatusCode.Forbidden, $"user token: {method} {path} -> {(int)byUser.StatusCode}");
            Assert.True(byNobody.StatusCode == HttpStatusCode.Unauthorized, $"no token: {method} {path} -> {(int)byNobody.StatusCode}");
        }
    }

    /// <summary>A user route, its parameters filled with the victim's real ids, and whether an operator may call it.</summary>
    private sealed record UserEndpoint(string Method, string Template, string Path, bool Operator)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>Every route under /v1/users/{userId}.</summary>
    private static List<UserEndpoint> UserEndpoints(SiloFactory silo, string userId, string companionId, string sessionId)
    {
        var sources = silo.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/users/{userId}", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new UserEndpoint(
                    method,
                    e.RoutePattern.RawText!.TrimEnd('/'),
                    e.RoutePattern.RawText!
                        .Replace("{userId}", userId).Replace("{companionId}", companionId)
                        .Replace("{sessionId}", sessionId).Replace("{memoryId}", "m_aaaaaaaaaaaaaaaa").TrimEnd('/'),
                    e.Metadata.GetMetadata<OperatorMayCall>() is not null)))
            .Distinct()
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
    }
}
