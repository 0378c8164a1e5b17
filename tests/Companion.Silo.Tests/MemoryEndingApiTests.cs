using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>Facts that ended with nothing in their place, over HTTP: kept as history, left out of what is current once their end has passed.</summary>
public sealed class MemoryEndingApiTests
{
    [Fact]
    public async Task An_ended_fact_leaves_the_current_list_context_and_search_and_stays_in_history_valid_at_and_as_of()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var job = await client.RememberAsync(memories, new { text = "Robin works at the bakery.", kind = "fact", validFrom = "2023-04-01T00:00:00Z" });
        var bread = await client.RememberAsync(memories, new { text = "Robin buys bread at the bakery on Sundays.", kind = "habit" });
        var before = (await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK)).GetProperty("lastEventAt").GetDateTimeOffset();
        await Task.Delay(30);

        var request = new { validTo = "2026-03-03T00:00:00Z", reason = "a new job at the library", requestId = "end-job" };
        var ended = await client.PostAsJsonAsync($"{memories}/{job}/end", request).Expect(HttpStatusCode.OK);
        var retry = await client.PostAsJsonAsync($"{memories}/{job}/end", request).Expect(HttpStatusCode.OK);

        Assert.Equal((job, false), (ended.GetProperty("memoryId").GetString(), ended.GetProperty("duplicate").GetBoolean()));
        Assert.Equal((ended.GetProperty("version").GetInt64(), true), (retry.GetProperty("version").GetInt64(), retry.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(ended.GetProperty("version").GetInt64(), await client.HeadVersionAsync(userId));
        Assert.Equal([bread], Searches.MemoryIds(await client.GetAsync(memories).Expect(HttpStatusCode.OK)));
        var history = await client.GetAsync($"{memories}?includeSuperseded=true").Expect(HttpStatusCode.OK);
        Assert.Equal([job, bread], Searches.MemoryIds(history));
        Assert.Equal(("2026-03-03T00:00:00+00:00", JsonValueKind.Null),
            (history.GetProperty("memories")[0].GetProperty("validTo").GetString(), history.GetProperty("memories")[0].GetProperty("supersededBy").ValueKind));
        Assert.Equal([job, bread], Searches.MemoryIds(await client.GetAsync($"{memories}?validAt=2026-01-01T00:00:00Z").Expect(HttpStatusCode.OK)));
        Assert.Equal([bread], Searches.MemoryIds(await client.GetAsync($"{memories}?validAt=2026-03-03T00:00:00Z").Expect(HttpStatusCode.OK)));
        var asTheLogWas = await client.GetAsync($"{memories}?asOf={Uri.EscapeDataString(before.ToString("O"))}").Expect(HttpStatusCode.OK);
        Assert.Equal([job, bread], Searches.MemoryIds(asTheLogWas));
        Assert.Equal(JsonValueKind.Null, asTheLogWas.GetProperty("memories")[0].GetProperty("validTo").ValueKind);

        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context").Expect(HttpStatusCode.OK);
        Assert.Equal([bread], context.GetProperty("salientMemories").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var found = await client.SearchCaughtUpAsync(userId, "q=bakery&kinds=memory");
        Assert.Equal([bread], found.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        var changes = (await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/changes").Expect(HttpStatusCode.OK)).ToString();
        Assert.Contains("memory-ended", changes, StringComparison.Ordinal);
        Assert.Contains("Ended on 2026-03-03 00:00 UTC", changes, StringComparison.Ordinal);
        Assert.Contains("a new job at the library", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_body_the_fact_ends_now_and_a_fact_that_ends_later_is_current_until_then()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var bakery = await client.RememberAsync(memories, new { text = "Robin works at the bakery." });
        var flat = await client.RememberAsync(memories, new { text = "Robin rents the flat on Rue Neuve." });

        var now = await client.PostAsync($"{memories}/{bakery}/end", null).Expect(HttpStatusCode.OK);
        await client.PostAsJsonAsync($"{memories}/{flat}/end", new { validTo = "2100-01-01T00:00:00Z", reason = "moving out" }).Expect(HttpStatusCode.OK);

        var state = await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);
        var ended = state.GetProperty("companions").GetProperty(companionId).GetProperty("memories").GetProperty(bakery);
        Assert.False(now.GetProperty("duplicate").GetBoolean());
        Assert.True(ended.GetProperty("validTo").GetDateTimeOffset() <= state.GetProperty("lastEventAt").GetDateTimeOffset());
        Assert.Equal([flat], Searches.MemoryIds(await client.GetAsync(memories).Expect(HttpStatusCode.OK)));
        Assert.Empty(Searches.MemoryIds(await client.GetAsync($"{memories}?validAt=2100-01-02T00:00:00Z").Expect(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Ending_what_cannot_end_answers_404_409_or_400_with_what_to_do_and_writes_nothing()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var memories = $"/v1/users/{userId}/companions/{companionId}/memories";
        var job = await client.RememberAsync(memories, new { text = "Works at the bakery.", validFrom = "2023-04-01T00:00:00Z" });
        var gone = await client.RememberAsync(memories, new { text = "Has a cat." });
        await client.DeleteAsync($"{memories}/{gone}").Expect(HttpStatusCode.OK);
        var lyon = await client.RememberAsync(memories, new { text = "Lives in Lyon." });
        var oslo = await client.RememberAsync(memories, new { text = "Lives in Oslo.", supersedes = lyon });
        var sam = await client.RememberAsync(memories, new { text = "Is seeing Sam." });
        await client.PostAsJsonAsync($"{memories}/{sam}/end", new { validTo = "2026-03-03T00:00:00Z" }).Expect(HttpStatusCode.OK);
        var headBefore = await client.HeadVersionAsync(userId);

        var unknown = await client.PostAsJsonAsync($"{memories}/m_nowhere/end", new { }).Expect(HttpStatusCode.NotFound);
        var forgotten = await client.PostAsJsonAsync($"{memories}/{gone}/end", new { }).Expect(HttpStatusCode.Conflict);
        var superseded = await client.PostAsJsonAsync($"{memories}/{lyon}/end", new { }).Expect(HttpStatusCode.Conflict);
        var twice = await client.PostAsJsonAsync($"{memories}/{sam}/end", new { validTo = "2026-03-04T00:00:00Z" }).Expect(HttpStatusCode.Conflict);
        var early = await client.PostAsJsonAsync($"{memories}/{job}/end", new { validTo = "2023-03-01T00:00:00Z" }).Expect(HttpStatusCode.BadRequest);
        var notATime = await client.PostAsJsonAsync($"{memories}/{job}/end", new { validTo = "last spring" }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("m_nowhere", Detail(unknown), StringComparison.Ordinal);
        Assert.Contains("forgotten", Detail(forgotten), StringComparison.Ordinal);
        Assert.Contains($"end '{oslo}' instead", Detail(superseded), StringComparison.Ordinal);
        Assert.Contains("already ends at 2026-03-03", Detail(twice), StringComparison.Ordinal);
        Assert.Contains("'validFrom'", Detail(early), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Detail(notATime)));
        Assert.Equal(headBefore, await client.HeadVersionAsync(userId));
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";
}
