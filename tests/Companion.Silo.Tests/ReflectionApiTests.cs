using System.Net;
using System.Net.Http.Json;

namespace Companion.Silo.Tests;

/// <summary>The daily check-in, the rhythm view and a companion's pinned runtime, over HTTP.</summary>
public sealed class ReflectionApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task A_check_in_is_scheduled_shown_moved_and_turned_off()
    {
        var (userId, client) = await silo.NewUserAsync();
        var url = $"/v1/users/{userId}/check-in";

        await client.GetAsync(url).Expect(HttpStatusCode.NotFound);
        var scheduled = await client.PutAsJsonAsync(url, new { timeOfDay = "07:30", timeZone = "Europe/Berlin" }).Expect(HttpStatusCode.OK);
        var moved = await client.PutAsJsonAsync(url, new { timeOfDay = "21:05", timeZone = "Asia/Tokyo" }).Expect(HttpStatusCode.OK);
        var shown = await client.GetAsync(url).Expect(HttpStatusCode.OK);
        var off = await client.DeleteAsync(url).Expect(HttpStatusCode.OK);
        var offAgain = await client.DeleteAsync(url).Expect(HttpStatusCode.OK);

        Assert.Equal(("07:30", "Europe/Berlin"), (scheduled.GetProperty("timeOfDay").GetString(), scheduled.GetProperty("timeZone").GetString()));
        Assert.Equal(moved.GetRawText(), shown.GetRawText());
        var next = shown.GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(9), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo").GetUtcOffset(next));
        Assert.Equal(new TimeSpan(12, 5, 0), next.UtcDateTime.TimeOfDay);
        Assert.False(off.GetProperty("duplicate").GetBoolean());
        Assert.True(offAgain.GetProperty("duplicate").GetBoolean());
        await client.GetAsync(url).Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("7.30", "UTC", "timeOfDay")]
    [InlineData("07:30", "Europe/Atlantis", "timeZone")]
    [InlineData("07:30", null, "timeZone")]
    public async Task A_bad_time_or_unknown_time_zone_answers_400_saying_what_to_fix(string time, string? zone, string field)
    {
        var (userId, client) = await silo.NewUserAsync();

        var problem = await client.PutAsJsonAsync($"/v1/users/{userId}/check-in", new { timeOfDay = time, timeZone = zone }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rhythm_view_is_absent_until_turned_on_and_again_once_turned_off()
    {
        var (userId, client) = await silo.NewUserAsync();
        var url = $"/v1/users/{userId}/rhythm";
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages", new { role = "user", text = "hi" })
            .Expect(HttpStatusCode.Created);

        var off = await client.GetAsync($"{url}?by=week").Expect(HttpStatusCode.Conflict);
        await client.PutAsync(url, null).Expect(HttpStatusCode.OK);
        var on = await client.GetAsync($"{url}?by=week").Expect(HttpStatusCode.OK);
        await client.GetAsync($"{url}?by=day").Expect(HttpStatusCode.BadRequest);
        await client.DeleteAsync(url).Expect(HttpStatusCode.OK);
        await client.GetAsync(url).Expect(HttpStatusCode.Conflict);

        Assert.Contains("PUT", off.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("UTC", on.GetProperty("timeZone").GetString());
        var week = Assert.Single(on.GetProperty("periods").EnumerateArray());
        Assert.Equal((1, 1), (week.GetProperty("sessions").GetInt32(), week.GetProperty("messages").GetInt32()));
    }

    [Fact]
    public async Task The_rhythm_view_is_for_the_users_eyes_only()
    {
        var (userId, client) = await silo.NewUserAsync();
        await client.PutAsync($"/v1/users/{userId}/rhythm", null).Expect(HttpStatusCode.OK);

        await silo.Admin().GetAsync($"/v1/users/{userId}/rhythm").Expect(HttpStatusCode.Forbidden);
        await silo.Admin().DeleteAsync($"/v1/users/{userId}/rhythm").Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_message_from_another_model_than_the_pinned_one_is_recorded_flagged_and_listed_in_the_changes()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";

        await client.PutAsJsonAsync($"{baseUrl}/runtime", new { modelId = "sol-8b-chat", runtime = "vllm" }).Expect(HttpStatusCode.OK);
        var same = await client.PostAsJsonAsync($"{baseUrl}/sessions/{sessionId}/messages", new { role = "companion", text = "hello", modelId = "sol-8b-chat", runtime = "vllm" })
            .Expect(HttpStatusCode.Created);
        var other = await client.PostAsJsonAsync($"{baseUrl}/sessions/{sessionId}/messages", new { role = "companion", text = "hi there", modelId = "lumen-13b" })
            .Expect(HttpStatusCode.Created);
        var context = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);
        var changes = await client.GetAsync($"{baseUrl}/changes").Expect(HttpStatusCode.OK);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, same.GetProperty("producerMismatch").ValueKind);
        Assert.Equal("sol-8b-chat", other.GetProperty("producerMismatch").GetProperty("pinned").GetProperty("model").GetString());
        Assert.Equal("lumen-13b", other.GetProperty("producerMismatch").GetProperty("actual").GetProperty("model").GetString());
        Assert.Equal("sol-8b-chat", context.GetProperty("pinnedRuntime").GetProperty("model").GetString());
        Assert.Equal("hi there", context.GetProperty("recentMessages").EnumerateArray().Last().GetProperty("text").GetString());
        var mismatch = changes.GetProperty("changes").EnumerateArray().First();
        Assert.Equal("producer-mismatch", mismatch.GetProperty("kind").GetString());
        Assert.Equal("Spoke with model lumen-13b, not the pinned model sol-8b-chat on vllm.", mismatch.GetProperty("summary").GetString());
        await client.PutAsJsonAsync($"{baseUrl}/runtime", new { runtime = "vllm" }).Expect(HttpStatusCode.BadRequest);
    }
}
