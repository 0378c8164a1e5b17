using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>Facts that change over time, over HTTP: superseding keeps the old fact, and asOf answers as the log was.</summary>
public sealed class BitemporalMemoryApiTests
{
    [Fact]
    public async Task Contradicting_a_fact_never_deletes_it_and_as_of_before_the_contradiction_shows_the_old_fact_as_current()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var lyon = await client.RememberAsync(memories, new { text = "Robin lives in Lyon.", kind = "fact", validFrom = "2019-09-01T00:00:00Z" });
        var before = (await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK)).GetProperty("lastEventAt").GetDateTimeOffset();
        await Task.Delay(30);

        var oslo = await client.RememberAsync(memories, new { text = "Robin lives in Oslo.", kind = "fact", supersedes = lyon, validFrom = "2025-12-01T00:00:00Z" });

        var now = await client.GetAsync(memories).Expect(HttpStatusCode.OK);
        Assert.Equal([oslo], Searches.MemoryIds(now));
        var history = await client.GetAsync($"{memories}?includeSuperseded=true").Expect(HttpStatusCode.OK);
        var old = history.GetProperty("memories")[0];
        Assert.Equal(("Robin lives in Lyon.", oslo, "2025-12-01T00:00:00+00:00"),
            (old.GetProperty("text").GetString(), old.GetProperty("supersededBy").GetString(), old.GetProperty("validTo").GetString()));
        var thenInTheWorld = await client.GetAsync($"{memories}?validAt=2024-01-01T00:00:00Z").Expect(HttpStatusCode.OK);
        Assert.Equal([lyon], Searches.MemoryIds(thenInTheWorld));

        var asOf = Uri.EscapeDataString(before.ToString("O"));
        var asTheLogWas = await client.GetAsync($"{memories}?asOf={asOf}").Expect(HttpStatusCode.OK);
        Assert.Equal([lyon], Searches.MemoryIds(asTheLogWas));
        Assert.Equal(JsonValueKind.Null, asTheLogWas.GetProperty("memories")[0].GetProperty("supersededBy").ValueKind);
        var pastState = await client.GetAsync($"/v1/users/{userId}/state?asOf={asOf}").Expect(HttpStatusCode.OK);
        Assert.False(pastState.GetProperty("companions").GetProperty(companionId).GetProperty("memories").TryGetProperty(oslo, out _));

        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context").Expect(HttpStatusCode.OK);
        Assert.Equal([oslo], context.GetProperty("salientMemories").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var changes = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/changes").Expect(HttpStatusCode.OK);
        Assert.Contains("memory-superseded", changes.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Superseding_what_cannot_be_superseded_answers_400_or_409_with_what_to_do()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var lyon = await client.RememberAsync(memories, new { text = "Lives in Lyon." });
        var gone = await client.RememberAsync(memories, new { text = "Has a cat." });
        await client.DeleteAsync($"{memories}/{gone}").Expect(HttpStatusCode.OK);
        var oslo = await client.RememberAsync(memories, new { text = "Lives in Oslo.", supersedes = lyon });
        var headBefore = await client.HeadVersionAsync(userId);

        var unknown = await client.PostAsJsonAsync(memories, new { text = "x", supersedes = "m_nowhere" }).Expect(HttpStatusCode.BadRequest);
        var backwards = await client.PostAsJsonAsync(memories, new { text = "x", validFrom = "2026-01-02T00:00:00Z", validTo = "2026-01-01T00:00:00Z" })
            .Expect(HttpStatusCode.BadRequest);
        var forgotten = await client.PostAsJsonAsync(memories, new { text = "Has a dog.", supersedes = gone }).Expect(HttpStatusCode.Conflict);
        var twice = await client.PostAsJsonAsync(memories, new { text = "Lives in Rome.", supersedes = lyon }).Expect(HttpStatusCode.Conflict);

        Assert.Contains("m_nowhere", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'validTo'", backwards.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("forgotten", forgotten.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"supersede '{oslo}' instead", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(headBefore, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_retried_superseding_request_answers_the_first_result_and_writes_nothing()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var lyon = await client.RememberAsync(memories, new { text = "Lives in Lyon." });
        var request = new { text = "Lives in Oslo.", supersedes = lyon, requestId = "move-1" };
        var first = await client.PostAsJsonAsync(memories, request).Expect(HttpStatusCode.Created);

        var retry = await client.PostAsJsonAsync(memories, request).Expect(HttpStatusCode.OK);

        Assert.True(retry.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("memoryId").GetString(), retry.GetProperty("memoryId").GetString());
        Assert.Equal(first.GetProperty("version").GetInt64(), await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task At_version_and_as_of_together_or_as_of_before_the_user_existed_answer_400()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);

        var both = await client.GetAsync($"/v1/users/{userId}/state?atVersion=1&asOf=2026-01-01T00:00:00Z").Expect(HttpStatusCode.BadRequest);
        var bothMemories = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/memories?atVersion=1&asOf=2026-01-01T00:00:00Z")
            .Expect(HttpStatusCode.BadRequest);
        var tooEarly = await client.GetAsync($"/v1/users/{userId}/state?asOf=2000-01-01T00:00:00Z").Expect(HttpStatusCode.BadRequest);
        var beforeCompanion = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/memories?atVersion=1").Expect(HttpStatusCode.NotFound);

        Assert.Contains("not both", both.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("not both", bothMemories.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("before this user's first event", tooEarly.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("created later", beforeCompanion.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_leaves_a_superseded_memory_out()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var lyon = await client.RememberAsync(memories, new { text = "Robin lives in Lyon." });
        var oslo = await client.RememberAsync(memories, new { text = "Robin lives in Oslo.", supersedes = lyon });

        var found = await client.SearchCaughtUpAsync(userId, "q=Robin%20lives&kinds=memory");

        Assert.Equal([oslo], found.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
    }
}
