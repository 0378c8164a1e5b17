using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>Terse calls for the API's main paths; each asserts the status it expects.</summary>
internal static class Api
{
    public static async Task<JsonElement> Expect(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<string> NewCompanionAsync(this HttpClient client, string userId, string name = "Sol") =>
        (await client.PostAsJsonAsync($"/v1/users/{userId}/companions", new { name, persona = new { description = "A calm, curious friend." } })
            .Expect(HttpStatusCode.Created)).GetProperty("companionId").GetString()!;

    public static async Task<string> NewSessionAsync(this HttpClient client, string userId, string companionId) =>
        (await client.PostAsync($"/v1/users/{userId}/companions/{companionId}/sessions", null)
            .Expect(HttpStatusCode.Created)).GetProperty("sessionId").GetString()!;

    public static Task<HttpResponseMessage> SayAsync(this HttpClient client, string userId, string companionId, string sessionId, string text, string role = "user", string? messageId = null) =>
        client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages", new { role, text, messageId });

    public static async Task<long> HeadVersionAsync(this HttpClient client, string userId) =>
        (await client.GetAsync($"/v1/users/{userId}/events?limit=1").Expect(HttpStatusCode.OK)).GetProperty("headVersion").GetInt64();
}
