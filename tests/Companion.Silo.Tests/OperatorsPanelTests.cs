using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>The companion panel's JSON: live figures for the silo, and a user's log as figures, never words.</summary>
public sealed class OperatorsPanelTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    private const string Secret = "my sister's name is Juniper and I miss her";

    [Fact]
    public async Task The_overview_counts_appended_events_and_shows_storage_and_silo_status()
    {
        var before = await OverviewAsync();
        var (userId, client) = await silo.NewUserAsync();
        await client.NewCompanionAsync(userId);
        var after = await OverviewAsync();

        Assert.True(Total(after) >= Total(before) + 2);
        Assert.True(after.GetProperty("events").GetProperty("byType").GetProperty("companion-created").GetInt64() >= 1);
        Assert.True(after.GetProperty("appendLatency").GetProperty("samples").GetInt32() >= 2);
        Assert.True(after.GetProperty("activations").GetProperty("active").GetInt64() >= 1);
        Assert.Equal("Healthy", after.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("Active", after.GetProperty("silo").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_users_drill_down_has_positions_hashes_and_counts_but_none_of_their_words()
    {
        var (userId, client) = await silo.NewUserAsync("Juniper's sibling");
        var companion = await client.NewCompanionAsync(userId, "Sol");
        var session = await client.NewSessionAsync(userId, companion);
        await client.SayAsync(userId, companion, session, Secret).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = Secret, mood = "tender" }).Expect(HttpStatusCode.Created);
        var head = await client.GetFromJsonAsync<JsonElement>($"/v1/users/{userId}/events?limit=1");

        var response = await silo.Admin().GetAsync($"/admin/api/users/{userId}");
        var text = await response.Content.ReadAsStringAsync();
        var user = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, user.GetProperty("streamVersion").GetInt64());
        Assert.Equal(head.GetProperty("headHash").GetString(), user.GetProperty("headHash").GetString());
        Assert.Equal(1, user.GetProperty("companions").GetInt32());
        Assert.Equal(1, user.GetProperty("eventsByType").GetProperty("message-recorded").GetInt64());
        Assert.Equal(1, user.GetProperty("eventsByType").GetProperty("journal-entry-written").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, user.GetProperty("lastActivityAt").ValueKind);
        Assert.DoesNotContain("Juniper", text);
        Assert.DoesNotContain("Sol", text);
        Assert.DoesNotContain("tender", text);
        Assert.DoesNotContain("calm, curious", text);
    }

    [Fact]
    public async Task The_drill_down_counts_only_new_events_on_the_next_request()
    {
        var (userId, client) = await silo.NewUserAsync();
        var first = await silo.Admin().GetFromJsonAsync<JsonElement>($"/admin/api/users/{userId}");
        await client.NewCompanionAsync(userId);
        var second = await silo.Admin().GetFromJsonAsync<JsonElement>($"/admin/api/users/{userId}");

        Assert.False(first.GetProperty("eventsByType").TryGetProperty("companion-created", out _));
        Assert.Equal(1, second.GetProperty("eventsByType").GetProperty("companion-created").GetInt64());
        Assert.Equal(1, second.GetProperty("eventsByType").GetProperty("user-registered").GetInt64());
    }

    [Theory]
    [InlineData("u_doesnotexist00000000")]
    [InlineData("not-an-id")]
    public async Task An_unknown_or_malformed_user_id_is_404(string userId)
    {
        var response = await silo.Admin().GetAsync($"/admin/api/users/{userId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> OverviewAsync() =>
        await silo.Admin().GetFromJsonAsync<JsonElement>("/admin/api/overview");

    private static long Total(JsonElement overview) => overview.GetProperty("events").GetProperty("total").GetInt64();
}
