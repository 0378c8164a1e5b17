using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>Persona history, diff and restore, and the list of what changed about a companion, over HTTP.</summary>
public sealed class PersonaContinuityApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task A_persona_revised_three_times_is_restored_to_the_first_and_the_history_shows_all_five_versions()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";
        var created = await client.HeadVersionAsync(userId);
        foreach (var (personality, reason) in new[] { ("warm", "kinder"), ("wry", "funnier"), ("terse", "new model tuning") })
        {
            await client.PatchAsJsonAsync($"{baseUrl}/persona", new { personality, reason }).Expect(HttpStatusCode.OK);
        }

        var restored = await client.PostAsJsonAsync($"{baseUrl}/persona/restore", new { atVersion = created, reason = "I miss how Sol was" })
            .Expect(HttpStatusCode.Created);
        var history = await client.GetAsync($"{baseUrl}/persona/history").Expect(HttpStatusCode.OK);
        var context = await client.GetAsync($"{baseUrl}/context").Expect(HttpStatusCode.OK);

        var versions = history.GetProperty("versions").EnumerateArray().ToArray();
        Assert.Equal(5, versions.Length);
        Assert.Equal(["created", "revised", "revised", "revised", "revised"], versions.Select(v => v.GetProperty("kind").GetString()));
        Assert.Equal(["", "warm", "wry", "terse", ""], versions.Select(v => v.GetProperty("persona").GetProperty("personality").GetString()));
        Assert.Equal([null, "kinder", "funnier", "new model tuning", "I miss how Sol was"], versions.Select(v => v.GetProperty("reason").GetString()));
        Assert.Equal(created, versions[4].GetProperty("sameAsVersion").GetInt64());
        Assert.Equal(restored.GetProperty("version").GetInt64(), versions[4].GetProperty("version").GetInt64());
        Assert.Equal(versions[0].GetProperty("persona").GetRawText(), context.GetProperty("persona").GetRawText());
    }

    [Fact]
    public async Task The_diff_names_exactly_the_fields_that_changed_with_before_and_after_and_extensions_key_by_key()
    {
        var (userId, client) = await silo.NewUserAsync();
        var baseUrl = $"/v1/users/{userId}/companions";
        var companionId = (await client.PostAsJsonAsync(baseUrl, new
        {
            name = "Sol",
            persona = new { description = "calm", scenario = "a porch", tags = new[] { "kind" }, extensions = new { voice = "low", keep = 1 } },
        }).Expect(HttpStatusCode.Created)).GetProperty("companionId").GetString();
        var from = await client.HeadVersionAsync(userId);
        var to = (await client.PatchAsJsonAsync($"{baseUrl}/{companionId}/persona", new
        {
            description = "calm and bright",
            personality = "playful",
            scenario = "",
            tags = new[] { "kind", "funny" },
            extensions = new { voice = new { pitch = "high" }, keep = 1, era = 2023 },
        }).Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64();

        var diff = await client.GetAsync($"{baseUrl}/{companionId}/persona/diff?from={from}&to={to}").Expect(HttpStatusCode.OK);

        var changes = diff.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("field").GetString(), c.GetProperty("change").GetString(), Raw(c.GetProperty("before")), Raw(c.GetProperty("after"))))
            .ToArray();
        Assert.Equal(
            [
                ("description", "changed", "\"calm\"", "\"calm and bright\""),
                ("personality", "added", "\"\"", "\"playful\""),
                ("scenario", "removed", "\"a porch\"", "\"\""),
                ("tags", "changed", "[\"kind\"]", "[\"kind\",\"funny\"]"),
                ("extensions.era", "added", null, "2023"),
                ("extensions.voice", "changed", "\"low\"", "{\"pitch\":\"high\"}"),
            ],
            changes);
        var none = await client.GetAsync($"{baseUrl}/{companionId}/persona/diff?from={to}&to={to}").Expect(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task A_restore_sent_twice_with_the_same_request_id_is_written_once()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";
        var created = await client.HeadVersionAsync(userId);
        await client.PatchAsJsonAsync($"{baseUrl}/persona", new { personality = "brusque" }).Expect(HttpStatusCode.OK);
        var body = new { atVersion = created, reason = "put it back", requestId = "restore-1" };

        var first = await client.PostAsJsonAsync($"{baseUrl}/persona/restore", body).Expect(HttpStatusCode.Created);
        var head = await client.HeadVersionAsync(userId);
        var again = await client.PostAsJsonAsync($"{baseUrl}/persona/restore", body).Expect(HttpStatusCode.OK);
        var unkeyed = await client.PostAsJsonAsync($"{baseUrl}/persona/restore", new { atVersion = created, reason = "put it back" })
            .Expect(HttpStatusCode.Conflict);

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        Assert.Equal(head, await client.HeadVersionAsync(userId));
        Assert.Contains("already is as it was", unkeyed.GetProperty("detail").GetString());
        var history = await client.GetAsync($"{baseUrl}/persona/history").Expect(HttpStatusCode.OK);
        Assert.Equal(3, history.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task The_changes_list_runtime_changes_resets_undos_forgotten_memories_and_restores_newest_first()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var created = await client.HeadVersionAsync(userId);
        await client.PostAsJsonAsync($"{baseUrl}/sessions/{sessionId}/messages", new { role = "companion", text = "Hello.", modelId = "sol-8b", runtime = "vllm" })
            .Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"{baseUrl}/sessions/{sessionId}/messages", new { role = "companion", text = "Hi again.", modelId = "sol-70b", runtime = "vllm", runtimeVersion = "0.6" })
            .Expect(HttpStatusCode.Created);
        var memoryId = (await client.PostAsJsonAsync($"{baseUrl}/memories", new { text = "Sister is Ada" }).Expect(HttpStatusCode.Created))
            .GetProperty("memoryId").GetString();
        await client.PostAsJsonAsync($"{baseUrl}/reset", new { reason = "fresh start" }).Expect(HttpStatusCode.Created);
        await client.PostAsync($"{baseUrl}/reset/undo", null).Expect(HttpStatusCode.OK);
        await client.DeleteAsync($"{baseUrl}/memories/{memoryId}").Expect(HttpStatusCode.OK);
        await client.PatchAsJsonAsync($"{baseUrl}/persona", new { personality = "wry", tags = new[] { "new" } }).Expect(HttpStatusCode.OK);
        await client.PostAsJsonAsync($"{baseUrl}/persona/restore", new { atVersion = created, reason = "as before" }).Expect(HttpStatusCode.Created);

        var changes = (await client.GetAsync($"{baseUrl}/changes").Expect(HttpStatusCode.OK)).GetProperty("changes").EnumerateArray().ToArray();

        Assert.Equal(
            ["persona-restored", "persona-revised", "memory-forgotten", "reset-undone", "reset", "runtime-changed", "runtime-changed", "created"],
            changes.Select(c => c.GetProperty("kind").GetString()));
        var versions = changes.Select(c => c.GetProperty("version").GetInt64()).ToArray();
        Assert.Equal(versions.OrderDescending(), versions);
        Assert.Equal(["personality", "tags"], changes[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("Sister is Ada", changes[2].GetProperty("summary").GetString());
        Assert.Contains("fresh start", changes[4].GetProperty("summary").GetString());
        Assert.Equal("Started speaking with model sol-70b on vllm 0.6 instead of model sol-8b on vllm.", changes[5].GetProperty("summary").GetString());
        Assert.All(changes, c => Assert.True(c.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("{\"reason\":\"r\"}", "Send 'atVersion'")]
    [InlineData("{\"atVersion\":3,\"asOf\":\"2026-01-01T00:00:00Z\",\"reason\":\"r\"}", "not both")]
    [InlineData("{\"atVersion\":999,\"reason\":\"r\"}", "beyond this user's head version")]
    [InlineData("{\"atVersion\":1,\"reason\":\"r\"}", "before companion")]
    [InlineData("{\"asOf\":\"2000-01-01T00:00:00Z\",\"reason\":\"r\"}", "before companion")]
    [InlineData("{\"atVersion\":2}", "'reason'")]
    public async Task A_restore_that_cannot_be_decided_answers_400_saying_what_to_send(string body, string detail)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var baseUrl = $"/v1/users/{userId}/companions/{companionId}";
        await client.PatchAsJsonAsync($"{baseUrl}/persona", new { personality = "wry" }).Expect(HttpStatusCode.OK);

        var problem = await client.PostAsync($"{baseUrl}/persona/restore", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_companions_answer_404_and_diff_versions_not_in_the_history_answer_400()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var created = await client.HeadVersionAsync(userId);
        var nobody = $"/v1/users/{userId}/companions/c_nope0000000000000";

        await client.GetAsync($"{nobody}/persona/history").Expect(HttpStatusCode.NotFound);
        await client.GetAsync($"{nobody}/changes").Expect(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync($"{nobody}/persona/restore", new { atVersion = 1, reason = "r" }).Expect(HttpStatusCode.NotFound);
        var notAVersion = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/persona/diff?from=1&to={created}").Expect(HttpStatusCode.BadRequest);
        var missing = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/persona/diff?from={created}").Expect(HttpStatusCode.BadRequest);

        Assert.Contains($"one of this persona's versions ({created})", notAVersion.GetProperty("detail").GetString());
        Assert.Contains("'to'", missing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_users_token_cannot_read_a_persona_history_or_changes()
    {
        var (owner, ownerClient) = await silo.NewUserAsync();
        var (_, stranger) = await silo.NewUserAsync();
        var companionId = await ownerClient.NewCompanionAsync(owner);

        await stranger.GetAsync($"/v1/users/{owner}/companions/{companionId}/persona/history").Expect(HttpStatusCode.Forbidden);
        await stranger.GetAsync($"/v1/users/{owner}/companions/{companionId}/changes").Expect(HttpStatusCode.Forbidden);
    }

    private static string? Raw(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
}
