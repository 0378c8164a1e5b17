using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Companion.EventLog;

namespace Companion.Silo.Tests;

public sealed class ApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task A_conversation_is_recorded_and_shows_up_in_the_memory_context()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);

        await client.SayAsync(userId, companionId, sessionId, "People always leave.").Expect(HttpStatusCode.Created);
        await client.SayAsync(userId, companionId, sessionId, "I'm still here.", "companion").Expect(HttpStatusCode.Created);
        var memory = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories",
            new { text = "Robin fears being left.", kind = "insight", salience = 0.9, pinned = true }).Expect(HttpStatusCode.Created);
        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context").Expect(HttpStatusCode.OK);

        Assert.Equal("A calm, curious friend.", context.GetProperty("persona").GetProperty("description").GetString());
        Assert.Equal(memory.GetProperty("memoryId").GetString(), context.GetProperty("pinnedMemories")[0].GetProperty("id").GetString());
        var messages = context.GetProperty("recentMessages").EnumerateArray().ToList();
        Assert.Equal(["user", "companion"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("I'm still here.", messages[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_repeated_message_id_is_answered_with_the_original_and_written_once()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);

        var first = await client.SayAsync(userId, companionId, sessionId, "hello", messageId: "m-1").Expect(HttpStatusCode.Created);
        var retry = await client.SayAsync(userId, companionId, sessionId, "hello", messageId: "m-1").Expect(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("messageId").GetString(), retry.GetProperty("messageId").GetString());
        Assert.True(retry.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("version").GetInt64(), await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_message_id_reused_in_another_session_records_the_message_and_with_other_text_is_a_409()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var monday = await client.NewSessionAsync(userId, companionId);
        var tuesday = await client.NewSessionAsync(userId, companionId);
        await client.SayAsync(userId, companionId, monday, "Monday was long.", messageId: "m-1").Expect(HttpStatusCode.Created);

        var otherSession = await client.SayAsync(userId, companionId, tuesday, "Tuesday was better.", messageId: "m-1").Expect(HttpStatusCode.Created);
        var before = await client.HeadVersionAsync(userId);
        var otherText = await client.SayAsync(userId, companionId, monday, "Monday was short.", messageId: "m-1").Expect(HttpStatusCode.Conflict);

        Assert.False(otherSession.GetProperty("duplicate").GetBoolean());
        Assert.Contains("'m-1' was already used here as the key of a different request", otherText.GetProperty("detail").GetString());
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task Persona_revisions_sessions_ending_and_memory_pin_and_forget_all_work()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";

        await client.PatchAsJsonAsync($"{baseUrl}/persona", new { personality = "playful", reason = "asked for more jokes" }).Expect(HttpStatusCode.OK);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        await client.PostAsync($"{baseUrl}/sessions/{sessionId}/end", null).Expect(HttpStatusCode.OK);
        var afterEnd = await client.SayAsync(userId, companionId, sessionId, "too late").Expect(HttpStatusCode.Conflict);
        var memoryId = (await client.PostAsJsonAsync($"{baseUrl}/memories", new { text = "Likes rain" }).Expect(HttpStatusCode.Created))
            .GetProperty("memoryId").GetString();
        await client.PutAsJsonAsync($"{baseUrl}/memories/{memoryId}/pin", new { pinned = true }).Expect(HttpStatusCode.OK);
        var pinned = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);
        await client.DeleteAsync($"{baseUrl}/memories/{memoryId}").Expect(HttpStatusCode.OK);
        var forgotten = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);
        var state = await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);

        Assert.Contains("not open", afterEnd.GetProperty("detail").GetString());
        Assert.Equal("playful", pinned.GetProperty("persona").GetProperty("personality").GetString());
        Assert.Equal(1, pinned.GetProperty("pinnedMemories").GetArrayLength());
        Assert.Equal(0, forgotten.GetProperty("pinnedMemories").GetArrayLength());
        var storedMemory = state.GetProperty("companions").GetProperty(companionId).GetProperty("memories").GetProperty(memoryId!);
        Assert.NotEqual(JsonValueKind.Null, storedMemory.GetProperty("forgottenAt").ValueKind);
    }

    [Fact]
    public async Task Journal_entries_can_be_read_back_by_time_range()
    {
        var (userId, client) = await silo.NewUserAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { prompt = "secure-base-check-in", text = "Slept well.", mood = "calm" })
            .Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { prompt = "internal-weather-report", text = "Cloudy, a bit anxious.", mood = "anxious" })
            .Expect(HttpStatusCode.Created);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var all = await client.GetAsync($"/v1/users/{userId}/journal?from={Uri.EscapeDataString(before.ToString("O"))}&to={Uri.EscapeDataString(after.ToString("O"))}")
            .Expect(HttpStatusCode.OK);
        var none = await client.GetAsync($"/v1/users/{userId}/journal?to={Uri.EscapeDataString(before.ToString("O"))}").Expect(HttpStatusCode.OK);
        var backwards = await client.GetAsync($"/v1/users/{userId}/journal?from={Uri.EscapeDataString(after.ToString("O"))}&to={Uri.EscapeDataString(before.ToString("O"))}")
            .Expect(HttpStatusCode.BadRequest);

        Assert.Equal(["secure-base-check-in", "internal-weather-report"],
            all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("promptKind").GetString()));
        Assert.Equal(0, none.GetProperty("entries").GetArrayLength());
        Assert.Contains("'from'", backwards.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_raw_log_pages_through_envelopes_whose_hash_chain_verifies()
    {
        var (userId, client) = await silo.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = $"entry {i}" }).Expect(HttpStatusCode.Created);
        }

        var page1 = await client.GetAsync($"/v1/users/{userId}/events?limit=4").Expect(HttpStatusCode.OK);
        var page2 = await client.GetAsync($"/v1/users/{userId}/events?from={page1.GetProperty("next").GetInt64()}&limit=4").Expect(HttpStatusCode.OK);
        var envelopes = page1.GetProperty("events").EnumerateArray().Concat(page2.GetProperty("events").EnumerateArray())
            .Select(e => EnvelopeJson.Parse(Encoding.UTF8.GetBytes(e.GetRawText())))
            .ToList();

        Assert.Equal(6, envelopes.Count);
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);
        Assert.Null(EnvelopeChain.FindBreak(StreamHead.Empty, envelopes));
        Assert.Equal(page2.GetProperty("headHash").GetString(), envelopes[^1].Hash);
        Assert.Equal("journal-entry-written", envelopes[^1].Type);
    }

    [Fact]
    public async Task Health_and_openapi_answer_without_a_token()
    {
        var client = silo.CreateClient();

        var health = await client.GetAsync("/healthz");
        var openapi = await client.GetAsync("/openapi/v1.json").Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages", out _));
    }
}
