using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.Grains;
using Companion.History;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Silo.Tests;

/// <summary>Resets and their undoing, time travel, and model producers over HTTP.</summary>
public sealed class HistoryApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task A_reset_empties_the_context_and_undo_brings_back_the_same_memories_and_messages()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";
        await client.SayAsync(userId, companionId, sessionId, "People always leave.").Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"{baseUrl}/memories", new { text = "Sister is Ada", pinned = true }).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"{baseUrl}/memories", new { text = "Likes rain" }).Expect(HttpStatusCode.Created);
        var before = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);

        var reset = await client.PostAsJsonAsync($"{baseUrl}/reset", new { reason = "fresh start" }).Expect(HttpStatusCode.Created);
        var hidden = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);
        var undo = await client.PostAsync($"{baseUrl}/reset/undo", null).Expect(HttpStatusCode.OK);
        var back = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);

        Assert.Equal(await client.HeadVersionAsync(userId) - 1, reset.GetProperty("version").GetInt64());
        Assert.Equal(reset.GetProperty("resetId").GetString(), undo.GetProperty("resetId").GetString());
        foreach (var part in new[] { "pinnedMemories", "recentMessages" })
        {
            Assert.Equal(1, before.GetProperty(part).GetArrayLength());
            Assert.Equal(0, hidden.GetProperty(part).GetArrayLength());
            Assert.Equal(before.GetProperty(part).GetRawText(), back.GetProperty(part).GetRawText());
        }

        // The unpinned memory is salient or, once the recall index has caught up with the newest
        // message, recalled for it: either way the same memory is back.
        Assert.Equal(["Likes rain"], UnpinnedMemories(before));
        Assert.Empty(UnpinnedMemories(hidden));
        Assert.Equal(["Likes rain"], UnpinnedMemories(back));
    }

    private static string[] UnpinnedMemories(System.Text.Json.JsonElement context) =>
    [
        .. context.GetProperty("salientMemories").EnumerateArray().Select(m => m.GetProperty("text").GetString() ?? ""),
        .. context.GetProperty("recalled").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "memory").Select(r => r.GetProperty("text").GetString() ?? ""),
    ];

    [Fact]
    public async Task Reset_without_a_body_works_and_undo_with_nothing_to_undo_gets_409()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";

        var nothing = await client.PostAsync($"{baseUrl}/reset/undo", null).Expect(HttpStatusCode.Conflict);
        await client.PostAsync($"{baseUrl}/reset", null).Expect(HttpStatusCode.Created);
        await client.PostAsync($"{baseUrl}/reset/undo", null).Expect(HttpStatusCode.OK);
        await client.PostAsync($"{baseUrl}/reset/undo", null).Expect(HttpStatusCode.Conflict);
        await client.PostAsync($"/v1/users/{userId}/companions/c_nope0000000000000/reset", null).Expect(HttpStatusCode.NotFound);

        Assert.Contains("no reset in force", nothing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_repeated_request_id_on_reset_or_undo_is_answered_with_the_original_and_written_once()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";
        await client.PostAsJsonAsync($"{baseUrl}/reset", new { requestId = "reset-a" }).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"{baseUrl}/reset", new { requestId = "reset-b" }).Expect(HttpStatusCode.Created);

        var reset = await client.PostAsJsonAsync($"{baseUrl}/reset", new { requestId = "reset-b" }).Expect(HttpStatusCode.OK);
        var undo = await client.PostAsJsonAsync($"{baseUrl}/reset/undo", new { requestId = "undo-a" }).Expect(HttpStatusCode.OK);
        var retry = await client.PostAsJsonAsync($"{baseUrl}/reset/undo", new { requestId = "undo-a" }).Expect(HttpStatusCode.OK);

        Assert.True(reset.GetProperty("duplicate").GetBoolean());
        Assert.Equal(reset.GetProperty("resetId").GetString(), undo.GetProperty("resetId").GetString());
        Assert.False(undo.GetProperty("duplicate").GetBoolean());
        Assert.True(retry.GetProperty("duplicate").GetBoolean());
        Assert.Equal(undo.GetProperty("version").GetInt64(), await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task The_state_at_a_past_version_is_the_state_as_it_was_then()
    {
        var (userId, client) = await silo.NewUserAsync();
        for (var i = 0; i < 40; i++)
        {
            await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = $"entry {i}" }).Expect(HttpStatusCode.Created);
        }

        var past = await client.GetAsync($"/v1/users/{userId}/state?atVersion=30").Expect(HttpStatusCode.OK);
        var first = await client.GetAsync($"/v1/users/{userId}/state?atVersion=1").Expect(HttpStatusCode.OK);
        var head = await client.GetAsync($"/v1/users/{userId}/state?atVersion=41").Expect(HttpStatusCode.OK);
        var now = await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);

        Assert.Equal(30, past.GetProperty("version").GetInt64());
        Assert.Equal(29, past.GetProperty("journal").GetArrayLength());
        Assert.Equal("entry 28", past.GetProperty("journal")[28].GetProperty("text").GetString());
        Assert.Equal(0, first.GetProperty("journal").GetArrayLength());
        Assert.Equal("Robin", first.GetProperty("displayName").GetString());
        Assert.Equal(now.GetRawText(), head.GetRawText());
    }

    [Theory]
    [InlineData("0", "1 to 3")]
    [InlineData("-5", "1 to 3")]
    [InlineData("4", "1 to 3")]
    [InlineData("abc", "atVersion")]
    public async Task A_version_outside_one_to_the_head_gets_400_saying_the_range(string atVersion, string expected)
    {
        var (userId, client) = await silo.NewUserAsync();
        await client.NewCompanionAsync(userId);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "one" }).Expect(HttpStatusCode.Created);

        var problem = await client.GetAsync($"/v1/users/{userId}/state?atVersion={atVersion}").Expect(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_companion_message_records_its_producer_and_a_runtime_change_when_it_is_new()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var url = $"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages";

        await client.PostAsJsonAsync(url, new { role = "companion", text = "Hi.", modelId = "sol-7b-chat" }).Expect(HttpStatusCode.Created);
        var moved = await client.PostAsJsonAsync(url, new { role = "companion", text = "Hi again.", modelId = "sol-7b-chat", runtime = "vllm", runtimeVersion = "0.7.0" })
            .Expect(HttpStatusCode.Created);
        var orphan = await client.PostAsJsonAsync(url, new { role = "companion", text = "Who?", runtime = "vllm" }).Expect(HttpStatusCode.BadRequest);
        var events = await client.GetAsync($"/v1/users/{userId}/events").Expect(HttpStatusCode.OK);
        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context").Expect(HttpStatusCode.OK);

        var types = events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["user-registered", "companion-created", "session-started", "companion-runtime-changed", "message-recorded", "companion-runtime-changed", "message-recorded"], types);
        Assert.Equal(7, moved.GetProperty("version").GetInt64());
        Assert.Contains("'modelId'", orphan.GetProperty("detail").GetString());
        var producer = context.GetProperty("recentMessages")[1].GetProperty("producer");
        Assert.Equal(("sol-7b-chat", "vllm", "0.7.0"),
            (producer.GetProperty("model").GetString(), producer.GetProperty("runtime").GetString(), producer.GetProperty("runtimeVersion").GetString()));
    }

    [Fact]
    public async Task A_v1_message_written_into_the_log_by_the_first_release_still_loads_over_http()
    {
        silo.CreateClient();
        var log = silo.Services.GetRequiredService<IEventLog>();
        var registry = EventTypeRegistry.ForUserEvents();
        var userId = Ids.New("u");
        var at = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
        const string v1 = "{\"companionId\":\"c_legacy00000000\",\"sessionId\":\"s_legacy00000000\",\"messageId\":\"msg_legacy0000000\"," +
            "\"role\":\"companion\",\"text\":\"From the first release.\",\"modelId\":\"legacy-model\",\"clientMessageId\":null," +
            "\"occurredAt\":\"2025-06-01T09:00:00+00:00\",\"idempotencyKey\":null}";
        await log.AppendAsync(userId, 0, EnvelopeChain.Seal(userId, StreamHead.Empty,
        [
            registry.ToData(new UserRegistered(userId, "Robin", at)),
            registry.ToData(new CompanionCreated("c_legacy00000000", "Sol", Persona.Empty, null, at)),
            registry.ToData(new SessionStarted("c_legacy00000000", "s_legacy00000000", null, at)),
            new EventData("message-recorded", 1, at, null, Encoding.UTF8.GetBytes(v1)),
        ]));
        var admin = await silo.UserClientAsync(userId);

        var context = await admin.GetAsync($"/v1/users/{userId}/companions/c_legacy00000000/context").Expect(HttpStatusCode.OK);
        var past = await admin.GetAsync($"/v1/users/{userId}/state?atVersion=4").Expect(HttpStatusCode.OK);
        var raw = await admin.GetAsync($"/v1/users/{userId}/events?from=4").Expect(HttpStatusCode.OK);

        var message = Assert.Single(context.GetProperty("recentMessages").EnumerateArray());
        Assert.Equal("From the first release.", message.GetProperty("text").GetString());
        Assert.Equal("legacy-model", message.GetProperty("producer").GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("producer").GetProperty("runtime").ValueKind);
        Assert.Equal(4, past.GetProperty("version").GetInt64());
        var stored = raw.GetProperty("events")[0];
        Assert.Equal(1, stored.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(JsonDocument.Parse(v1).RootElement.GetRawText(), stored.GetProperty("payload").GetRawText());
    }
}
