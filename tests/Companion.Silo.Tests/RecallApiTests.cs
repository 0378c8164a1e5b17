using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>Search and recall over HTTP: by meaning, by keyword beyond the window, as the context hides, never a 500.</summary>
public sealed class RecallApiTests
{
    [Fact]
    public async Task Search_finds_Ada_called_back_by_meaning_with_its_provenance()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var ada = await RememberAsync(client, userId, companionId, "Ada called back");
        await RememberAsync(client, userId, companionId, "Grows tomatoes and basil on the balcony");
        await RememberAsync(client, userId, companionId, "Plays online chess late at night");

        var found = await client.SearchCaughtUpAsync(userId, "q=who%20stayed%20with%20me%3F");

        var hit = found.GetProperty("hits")[0];
        Assert.Equal(ada.Id, hit.GetProperty("id").GetString());
        Assert.Equal(ada.Version, hit.GetProperty("version").GetInt64());
        Assert.Equal("memory", hit.GetProperty("kind").GetString());
        Assert.Equal("semantic", hit.GetProperty("matchedBy").GetString());
        Assert.Equal(companionId, hit.GetProperty("companionId").GetString());
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", found.GetProperty("embeddingModel").GetString());
    }

    [Fact]
    public async Task Search_finds_a_message_by_keyword_beyond_the_fifty_message_window()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var first = await client.SayAsync(userId, companionId, sessionId, "My grandmother's quince marmalade recipe").Expect(HttpStatusCode.Created);
        for (var i = 0; i < 60; i++)
        {
            await client.SayAsync(userId, companionId, sessionId, $"small talk {i}").Expect(HttpStatusCode.Created);
        }

        var found = await client.SearchCaughtUpAsync(userId, "q=marmalade&kinds=message");

        var hit = found.GetProperty("hits")[0];
        Assert.Equal(first.GetProperty("messageId").GetString(), hit.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("version").GetInt64(), hit.GetProperty("version").GetInt64());
        Assert.Equal(sessionId, hit.GetProperty("sessionId").GetString());
        Assert.Contains(hit.GetProperty("matchedBy").GetString(), new[] { "keyword", "both" });
        Assert.Equal(["marmalade"], hit.GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Search_does_not_find_a_forgotten_memory_nor_messages_hidden_by_a_reset_until_it_is_undone()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var forgotten = await RememberAsync(client, userId, companionId, "The zeppelin over the harbour");
        await client.SayAsync(userId, companionId, sessionId, "I told you about the xylophone").Expect(HttpStatusCode.Created);
        Assert.True(await FindsAsync(client, userId, "xylophone"));
        Assert.True(await FindsAsync(client, userId, "zeppelin"));

        await client.DeleteAsync($"/v1/users/{userId}/companions/{companionId}/memories/{forgotten.Id}").Expect(HttpStatusCode.OK);
        await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/reset", new { reason = "fresh start" }).Expect(HttpStatusCode.Created);

        Assert.False(await FindsAsync(client, userId, "zeppelin"));
        Assert.False(await FindsAsync(client, userId, "xylophone"));

        await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/reset/undo", new { }).Expect(HttpStatusCode.OK);
        Assert.True(await FindsAsync(client, userId, "xylophone"));
        Assert.False(await FindsAsync(client, userId, "zeppelin"));
    }

    [Fact]
    public async Task Search_of_an_erased_user_answers_410()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "the secret garden" }).Expect(HttpStatusCode.Created);
        await client.SearchCaughtUpAsync(userId, "q=garden");

        await client.DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);

        await client.GetAsync($"/v1/users/{userId}/search?q=garden").Expect(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Hostile_queries_answer_400_with_detail_or_results_and_never_500()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        await RememberAsync(client, userId, companionId, "(a+)+$ looks like a regex");

        var tooLong = await client.GetAsync($"/v1/users/{userId}/search?q={new string('a', 10_000)}").Expect(HttpStatusCode.BadRequest);
        Assert.Contains("1 to 1000 characters", tooLong.GetProperty("detail").GetString());
        var badKinds = await client.GetAsync($"/v1/users/{userId}/search?q=x&kinds=memory,secrets").Expect(HttpStatusCode.BadRequest);
        Assert.Contains("memory, message and journal", badKinds.GetProperty("detail").GetString());
        await client.GetAsync($"/v1/users/{userId}/search?q=x&limit=0").Expect(HttpStatusCode.BadRequest);
        await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context?budgetTokens=10&tokenizer=gpt2").Expect(HttpStatusCode.BadRequest);

        // The regex-looking memory shares no keyword with the query; it is found by meaning once
        // embedded, which happens in the background after the first search builds the index.
        var regexQuery = $"/v1/users/{userId}/search?q={Uri.EscapeDataString("(a+)+$ .* [^\\]] \\d{1,99999}")}";
        var regex = await client.GetAsync(regexQuery).Expect(HttpStatusCode.OK);
        for (var waited = 0; regex.GetProperty("embeddingsPending").GetInt32() > 0 && waited < 300; waited++)
        {
            await Task.Delay(100);
            regex = await client.GetAsync(regexQuery).Expect(HttpStatusCode.OK);
        }

        Assert.Equal("memory", regex.GetProperty("hits")[0].GetProperty("kind").GetString());
        foreach (var chunk in EveryUnicodeCategory().Chunk(200))
        {
            var q = Uri.EscapeDataString(new string(chunk));
            using var response = await client.GetAsync($"/v1/users/{userId}/search?q={q}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task The_context_recalls_the_memory_relevant_to_the_newest_user_message_within_a_token_budget()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        var sea = await RememberAsync(client, userId, companionId, "They grew up by the sea in Brighton", salience: 0.05);
        for (var i = 0; i < 25; i++)
        {
            await RememberAsync(client, userId, companionId, $"Everyday detail number {i} about errands", salience: 0.9);
        }

        await client.SayAsync(userId, companionId, sessionId, "I miss Brighton so much today").Expect(HttpStatusCode.Created);
        await client.SearchCaughtUpAsync(userId, "q=Brighton");

        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context?budgetTokens=400&tokenizer=o200k").Expect(HttpStatusCode.OK);

        var recalled = Assert.Single(context.GetProperty("recalled").EnumerateArray(), r => r.GetProperty("id").GetString() == sea.Id);
        Assert.True(recalled.GetProperty("recalled").GetBoolean());
        Assert.Equal(sea.Version, recalled.GetProperty("version").GetInt64());
        Assert.Equal("I miss Brighton so much today", context.GetProperty("recallQuery").GetString());
        Assert.DoesNotContain(context.GetProperty("salientMemories").EnumerateArray(), m => m.GetProperty("id").GetString() == sea.Id);
        Assert.Equal("o200k", context.GetProperty("tokenizer").GetString());
        Assert.InRange(context.GetProperty("usedTokens").GetInt32(), 1, 400);
    }

    /// <summary>Whether a search for <paramref name="word"/> finds anything holding it (by any match).</summary>
    private static async Task<bool> FindsAsync(HttpClient client, string userId, string word) =>
        (await client.SearchCaughtUpAsync(userId, $"q={word}&limit=100")).GetProperty("hits").EnumerateArray()
            .Any(h => h.GetProperty("text").GetString()?.Contains(word, StringComparison.Ordinal) == true);

    private static async Task<(string Id, long Version)> RememberAsync(HttpClient client, string userId, string companionId, string text, double salience = 0.5)
    {
        var created = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories", new { text, salience }).Expect(HttpStatusCode.Created);
        return (created.GetProperty("memoryId").GetString() ?? "", created.GetProperty("version").GetInt64());
    }

    private static IEnumerable<char> EveryUnicodeCategory() =>
        Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .GroupBy(char.GetUnicodeCategory)
            .SelectMany(g => g.Take(20));

    [Fact]
    public async Task Search_answers_only_the_users_own_token_never_the_operators()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var (_, other) = await silo.NewUserAsync();

        var asAdmin = await silo.Admin().GetAsync($"/v1/users/{userId}/search?q=rain").Expect(HttpStatusCode.Forbidden);
        await other.GetAsync($"/v1/users/{userId}/search?q=rain").Expect(HttpStatusCode.Forbidden);
        await client.GetAsync($"/v1/users/{userId}/search?q=rain").Expect(HttpStatusCode.OK);

        Assert.Contains("the user's own token", asAdmin.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
