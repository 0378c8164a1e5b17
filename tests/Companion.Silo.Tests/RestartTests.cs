using System.Net;
using System.Net.Http.Json;

namespace Companion.Silo.Tests;

/// <summary>A silo that stops and a new one on the same data directory: nothing acknowledged is lost.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_new_silo_on_the_same_data_directory_finds_every_acknowledged_event()
    {
        string userId, companionId, headHash, token;
        long headVersion;
        var acknowledged = new List<string>();
        string dataDirectory;
        await using (var first = new SiloFactory())
        {
            dataDirectory = first.DataDirectory;
            (userId, var client) = await first.NewUserAsync();
            token = client.DefaultRequestHeaders.Authorization!.Parameter!;
            companionId = await client.NewCompanionAsync(userId);
            var sessionId = await client.NewSessionAsync(userId, companionId);
            for (var i = 0; i < 60; i++)
            {
                var reply = await client.SayAsync(userId, companionId, sessionId, $"message {i}", messageId: $"restart-{i}").Expect(HttpStatusCode.Created);
                acknowledged.Add(reply.GetProperty("messageId").GetString()!);
            }

            var page = await client.GetAsync($"/v1/users/{userId}/events?limit=1").Expect(HttpStatusCode.OK);
            headVersion = page.GetProperty("headVersion").GetInt64();
            headHash = page.GetProperty("headHash").GetString()!;
        }

        await using var second = new SiloFactory(dataDirectory);
        var user = second.ClientWith(token); // the same data directory holds the same token key
        var state = await user.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);
        var events = await user.GetAsync($"/v1/users/{userId}/events?limit=1000").Expect(HttpStatusCode.OK);
        var recorded = events.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "message-recorded")
            .Select(e => e.GetProperty("decryptedPayload").GetProperty("messageId").GetString()!)
            .ToList();

        Assert.Equal(headVersion, state.GetProperty("version").GetInt64());
        Assert.Equal(headHash, events.GetProperty("headHash").GetString());
        Assert.Equal(acknowledged, recorded);
        var retry = await user.SayAsync(userId, companionId, "s_any000000000000", "message 0", messageId: "restart-0");
        Assert.NotEqual(HttpStatusCode.InternalServerError, retry.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_admin_token_one_is_generated_into_the_data_directory_and_kept()
    {
        string token;
        string dataDirectory;
        await using (var first = new SiloFactory(null, adminToken: null))
        {
            dataDirectory = first.DataDirectory;
            first.CreateClient();
            token = (await File.ReadAllTextAsync(Path.Combine(first.DataDirectory, "admin-token"))).Trim();
            var created = await first.ClientWith(token).PostAsJsonAsync("/v1/users", new { displayName = "Robin" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var second = new SiloFactory(dataDirectory, adminToken: null);
        second.CreateClient();

        Assert.Equal(token, (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin-token"))).Trim());
        Assert.Equal(HttpStatusCode.Created, (await second.ClientWith(token).PostAsJsonAsync("/v1/users", new { displayName = "Ada" })).StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDirectory, "admin-token")));
        }
    }
}
