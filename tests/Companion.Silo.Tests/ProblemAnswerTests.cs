using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Companion.Silo.Hosting;
using Companion.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Companion.Silo.Tests;

/// <summary>Every refusal is problem details with type, title, status, detail and traceId, and every JSON answer ends a line.</summary>
public sealed class ProblemAnswerTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Theory]
    [InlineData("GET", "/no/such/route", null, null, HttpStatusCode.NotFound)]
    [InlineData("PUT", "/v1/users", "application/json", "{}", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/v1/users", "text/plain", "Robin", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("POST", "/v1/users", "application/json", "{\"displayName\":", HttpStatusCode.BadRequest)]
    public async Task Refusals_the_framework_answers_are_complete_problem_details(string method, string path, string? contentType, string? body, HttpStatusCode status)
    {
        var client = silo.ClientWith(silo.AdminToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null && contentType is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        }

        var response = await client.SendAsync(request);

        await AssertProblem(response, status);
    }

    [Fact]
    public async Task An_import_from_a_user_token_is_forbidden_before_its_content_type_is_looked_at()
    {
        var (_, user) = await silo.NewUserAsync();
        var anonymous = silo.ClientWith(null);

        var forbidden = await user.PostAsync("/v1/imports", new StringContent("not a zip"));
        var unauthorized = await anonymous.PostAsync("/v1/imports", new StringContent("not a zip"));
        var unsupported = await silo.ClientWith(silo.AdminToken).PostAsync("/v1/imports", new StringContent("not a zip"));

        await AssertProblem(forbidden, HttpStatusCode.Forbidden);
        await AssertProblem(unauthorized, HttpStatusCode.Unauthorized);
        Assert.Contains("application/zip", await AssertProblem(unsupported, HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task Json_answers_end_with_a_newline()
    {
        var (userId, client) = await silo.NewUserAsync();

        var state = await client.GetStringAsync($"/v1/users/{userId}/state");
        var problem = await (await client.GetAsync($"/v1/users/{userId}/state?atVersion=999")).Content.ReadAsStringAsync();

        Assert.EndsWith("}\n", state);
        Assert.EndsWith("}\n", problem);
    }

    [Fact]
    public async Task Persona_extensions_go_in_and_come_back_as_the_same_object()
    {
        var (userId, client) = await silo.NewUserAsync();
        var created = await client.PostAsJsonAsync($"/v1/users/{userId}/companions",
            new { name = "Sol", persona = new { description = "calm", extensions = new { depth = new { level = 2 } } } }).Expect(HttpStatusCode.Created);
        var refused = await client.PostAsJsonAsync($"/v1/users/{userId}/companions", new { name = "Sol", persona = new { extensions = "{}" } });

        var state = await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);
        var extensions = state.GetProperty("companions").GetProperty(created.GetProperty("companionId").GetString() ?? "").GetProperty("persona").GetProperty("extensions");
        Assert.Equal(JsonValueKind.Object, extensions.ValueKind);
        Assert.Equal(2, extensions.GetProperty("depth").GetProperty("level").GetInt32());
        Assert.Contains("'extensions' must be a JSON object", await AssertProblem(refused, HttpStatusCode.BadRequest));
    }

    [Fact]
    public void A_silo_whose_orleans_port_another_process_listens_on_refuses_to_start_naming_the_keys_to_set()
    {
        var port = TestPorts.Next();
        using var other = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        other.Start();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:SiloPort"] = port.ToString(), ["Orleans:GatewayPort"] = TestPorts.Next().ToString() });

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.UseOrleans(orleans => orleans.UseConfiguredClustering(builder.Configuration)));

        Assert.Contains($"Port {port} (Orleans:SiloPort) is already in use", error.Message);
        Assert.Contains("set Orleans:SiloPort and Orleans:GatewayPort", error.Message);
    }

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var field in new[] { "type", "title", "detail", "traceId" })
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty(field).GetString()), $"'{field}' is missing from {problem}");
        }

        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem.GetProperty("detail").GetString() ?? "";
    }
}
