using System.Net;
using System.Net.Http.Json;
using System.Text;
using Companion.Domain.Commands;

namespace Companion.Silo.Tests;

/// <summary>Bad input gets a 4xx problem that says what to fix, and nothing is written.</summary>
public sealed class BadInputTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    public static TheoryData<string, string, string> BadMessages => new()
    {
        { "application/json", "{\"role\":\"user\",\"text\":", "not valid JSON" },
        { "application/json", "{\"role\":\"narrator\",\"text\":\"hi\"}", "'role' must be 'user', 'companion' or 'system'" },
        { "application/json", "{\"text\":\"hi\"}", "'role' is required" },
        { "application/json", "{\"role\":\"user\",\"text\":\"\"}", "'text' is required" },
        { "application/json", "{\"role\":\"user\",\"text\":\"" + new string('a', Limits.MessageText + 1) + "\"}", $"limit is {Limits.MessageText}" },
        { "application/json", "{\"role\":\"user\",\"text\":\"nul \\u0000 byte\"}", "control character" },
        { "application/json", "{\"role\":\"user\",\"text\":\"hi\",\"messageId\":\"has space\"}", "'messageId'" },
        { "application/json", "[1,2,3]", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task A_bad_message_body_gets_400_with_a_useful_detail_and_writes_nothing(string contentType, string body, string expected)
    {
        var (userId, client, url) = await NewSessionAsync();
        var before = await client.HeadVersionAsync(userId);

        var problem = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType)).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_writes_nothing()
    {
        var (userId, client, url) = await NewSessionAsync();
        var before = await client.HeadVersionAsync(userId);
        var body = "{\"role\":\"user\",\"text\":\"" + new string('a', 70_000) + "\"}";

        var declared = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json")).Expect(HttpStatusCode.RequestEntityTooLarge);
        var chunked = await client.PostAsync(url, new ChunkedContent(body)).Expect(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("limit", declared.GetProperty("detail").GetString());
        Assert.Contains("limit", chunked.GetProperty("detail").GetString());
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var (_, client, url) = await NewSessionAsync();

        var response = await client.PostAsync(url, new StringContent("role=user&text=hi", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("?budget=0")]
    [InlineData("?budget=abc")]
    [InlineData("?messages=1000")]
    public async Task Context_with_bad_query_values_gets_400(string query)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);

        var response = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_companions_sessions_and_memories_get_404_or_409()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);

        await client.PostAsync($"/v1/users/{userId}/companions/c_nope0000000000000/sessions", null).Expect(HttpStatusCode.NotFound);
        await client.SayAsync(userId, companionId, "s_nope0000000000000", "hi").Expect(HttpStatusCode.Conflict);
        await client.DeleteAsync($"/v1/users/{userId}/companions/{companionId}/memories/m_nope000000000000").Expect(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync($"/v1/users/{userId}/companions", new { persona = new { description = "no name" } }).Expect(HttpStatusCode.BadRequest);
    }

    private async Task<(string UserId, HttpClient Client, string Url)> NewSessionAsync()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        return (userId, client, $"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages");
    }

    private sealed class ChunkedContent(string body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(body)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
