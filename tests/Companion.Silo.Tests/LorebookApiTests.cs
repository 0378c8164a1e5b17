using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Companion.Silo.Tests;

/// <summary>Lorebooks that work: a card's book, World Info and lorebook_v3 files go in as events and the context uses them.</summary>
public sealed class LorebookApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    private static JsonObject CharacterBook() => new()
    {
        ["name"] = "Moss's garden",
        ["scan_depth"] = 2,
        ["extensions"] = new JsonObject { ["x_tool"] = "kept" },
        ["entries"] = new JsonArray(
            new JsonObject
            {
                ["id"] = 1, ["keys"] = new JsonArray("tomato", "tomatoes"), ["content"] = "Moss grows six kinds of tomato.",
                ["extensions"] = new JsonObject(), ["enabled"] = true, ["insertion_order"] = 10, ["use_regex"] = false, ["x_entry"] = 7,
            },
            new JsonObject
            {
                ["id"] = 2, ["keys"] = new JsonArray(), ["content"] = "Moss speaks softly.", ["extensions"] = new JsonObject(),
                ["enabled"] = true, ["insertion_order"] = 0, ["constant"] = true, ["use_regex"] = false,
            },
            new JsonObject
            {
                ["id"] = 3, ["keys"] = new JsonArray("rain"), ["content"] = "Never shown.", ["extensions"] = new JsonObject(),
                ["enabled"] = false, ["insertion_order"] = 5, ["use_regex"] = false,
            }),
    };

    private static JsonObject Card() => new()
    {
        ["spec"] = "chara_card_v2",
        ["spec_version"] = "2.0",
        ["data"] = new JsonObject
        {
            ["name"] = "Moss", ["description"] = "A quiet gardener.", ["personality"] = "", ["scenario"] = "", ["first_mes"] = "Hello.",
            ["mes_example"] = "", ["character_book"] = CharacterBook(), ["extensions"] = new JsonObject(),
        },
    };

    private static string[] LoreIds(JsonElement context) =>
        [.. context.GetProperty("lore").EnumerateArray().Select(l => l.GetProperty("entryId").GetString()!)];

    [Fact]
    public async Task A_cards_lorebook_entries_appear_in_the_context_exactly_when_their_keys_occur()
    {
        var (userId, client) = await silo.NewUserAsync();
        var created = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/from-card", Card()).Expect(HttpStatusCode.Created);
        var companionId = created.GetProperty("companionId").GetString()!;
        var session = await client.NewSessionAsync(userId, companionId);
        var context = $"/v1/users/{userId}/companions/{companionId}/context";

        await client.SayAsync(userId, companionId, session, "How was the rain today?").Expect(HttpStatusCode.Created);
        var without = await client.GetAsync(context).Expect(HttpStatusCode.OK);
        await client.SayAsync(userId, companionId, session, "Are the Tomatoes ripe?").Expect(HttpStatusCode.Created);
        var with = await client.GetAsync(context).Expect(HttpStatusCode.OK);
        var lorebook = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/lorebook").Expect(HttpStatusCode.OK);

        Assert.Equal(["2"], LoreIds(without));
        Assert.Equal(["2", "1"], LoreIds(with));
        var tomato = with.GetProperty("lore")[1];
        Assert.Equal(("tomato", "Moss grows six kinds of tomato."), (tomato.GetProperty("matchedKey").GetString(), tomato.GetProperty("content").GetString()));
        Assert.Equal("card", lorebook.GetProperty("source").GetString());
        Assert.Equal(3, lorebook.GetProperty("book").GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task The_exported_card_keeps_its_book_as_it_came_until_the_lorebook_is_edited_then_carries_the_edit()
    {
        var (userId, client) = await silo.NewUserAsync();
        var created = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/from-card", Card()).Expect(HttpStatusCode.Created);
        var companionId = created.GetProperty("companionId").GetString()!;
        var card = $"/v1/users/{userId}/companions/{companionId}/card?format=v2";

        var before = JsonNode.Parse((await client.GetAsync(card).Expect(HttpStatusCode.OK)).GetRawText())!;
        await client.PutAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/lorebook/entries/1",
            new { keys = new[] { "tomato", "basil" }, content = "Moss grows basil now.", enabled = true, insertion_order = 10, use_regex = false })
            .Expect(HttpStatusCode.OK);
        await client.PostAsync($"/v1/users/{userId}/companions/{companionId}/lorebook/entries/2/disable", null).Expect(HttpStatusCode.OK);
        await client.PostAsync($"/v1/users/{userId}/companions/{companionId}/lorebook/entries/2/disable", null).Expect(HttpStatusCode.Conflict);
        await client.DeleteAsync($"/v1/users/{userId}/companions/{companionId}/lorebook/entries/3").Expect(HttpStatusCode.OK);
        var after = JsonNode.Parse((await client.GetAsync(card).Expect(HttpStatusCode.OK)).GetRawText())!;

        Assert.True(JsonNode.DeepEquals(CharacterBook(), before["data"]!["character_book"]), before["data"]!["character_book"]!.ToJsonString());
        var book = after["data"]!["character_book"]!;
        Assert.Equal(["1", "2"], book["entries"]!.AsArray().Select(e => e!["id"]!.ToJsonString()));
        Assert.Equal("Moss grows basil now.", book["entries"]![0]!["content"]!.GetValue<string>());
        Assert.False(book["entries"]![1]!["enabled"]!.GetValue<bool>());
        Assert.Equal("kept", book["extensions"]!["x_tool"]!.GetValue<string>());
        Assert.Equal("Moss's garden", book["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_World_Info_file_imports_with_every_field_kept_and_is_used_for_a_query()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var worldInfo = new JsonObject
        {
            ["entries"] = new JsonObject
            {
                ["0"] = new JsonObject
                {
                    ["uid"] = 0, ["key"] = new JsonArray("harbor"), ["keysecondary"] = new JsonArray("storm"), ["comment"] = "Harbor",
                    ["content"] = "The harbor closes in storms.", ["constant"] = false, ["selective"] = true, ["selectiveLogic"] = 0,
                    ["order"] = 100, ["position"] = 1, ["disable"] = false, ["matchWholeWords"] = true, ["probability"] = 100,
                    ["useProbability"] = true, ["depth"] = 4, ["group"] = "", ["caseSensitive"] = null,
                },
                ["7"] = new JsonObject
                {
                    ["uid"] = 7, ["key"] = new JsonArray("lighthouse"), ["keysecondary"] = new JsonArray(), ["comment"] = "Off",
                    ["content"] = "Old light.", ["constant"] = false, ["selective"] = false, ["order"] = 50, ["position"] = 0, ["disable"] = true,
                },
            },
            ["originalData"] = new JsonObject { ["name"] = "Coast" },
        };

        var imported = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/lorebook", worldInfo).Expect(HttpStatusCode.OK);
        var book = (await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/lorebook").Expect(HttpStatusCode.OK)).GetProperty("book");
        var context = $"/v1/users/{userId}/companions/{companionId}/context?query=";
        var stormy = await client.GetAsync(context + Uri.EscapeDataString("the harbor in a storm, by the lighthouse")).Expect(HttpStatusCode.OK);
        var calm = await client.GetAsync(context + Uri.EscapeDataString("the harbor at noon")).Expect(HttpStatusCode.OK);
        var partWord = await client.GetAsync(context + Uri.EscapeDataString("harbormaster storm")).Expect(HttpStatusCode.OK);

        Assert.Equal(("world_info", 2), (imported.GetProperty("source").GetString(), imported.GetProperty("entries").GetInt32()));
        var harbor = book.GetProperty("entries")[0];
        Assert.Equal(("0", "storm", "after_char", 100.0), (harbor.GetProperty("id").GetString(), harbor.GetProperty("secondaryKeys")[0].GetString(),
            harbor.GetProperty("position").GetString(), harbor.GetProperty("insertionOrder").GetDouble()));
        var extensions = JsonNode.Parse(harbor.GetProperty("extensions").GetString()!)!;
        Assert.Equal((true, 100, 4, 1), (extensions["match_whole_words"]!.GetValue<bool>(), extensions["probability"]!.GetValue<int>(),
            extensions["depth"]!.GetValue<int>(), extensions["position"]!.GetValue<int>()));
        Assert.False(book.GetProperty("entries")[1].GetProperty("enabled").GetBoolean());
        Assert.Contains("originalData", book.GetProperty("unknown").GetString(), StringComparison.Ordinal);
        Assert.Equal(["0"], LoreIds(stormy));
        Assert.Empty(LoreIds(calm));
        Assert.Empty(LoreIds(partWord));
    }

    [Fact]
    public async Task A_lorebook_v3_file_replaces_the_book_keeping_fields_outside_the_spec()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var file = new JsonObject
        {
            ["spec"] = "lorebook_v3",
            ["data"] = new JsonObject
            {
                ["name"] = "Stars", ["x_future"] = new JsonObject { ["kept"] = true }, ["extensions"] = new JsonObject(),
                ["entries"] = new JsonArray(new JsonObject
                {
                    ["keys"] = new JsonArray("\\bstar(s|light)?\\b"), ["content"] = "@@scan_depth 1\nStars are old light.", ["extensions"] = new JsonObject(),
                    ["enabled"] = true, ["insertion_order"] = 0, ["use_regex"] = true, ["x_entry_future"] = "kept",
                }),
            },
        };

        await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/lorebook", file).Expect(HttpStatusCode.OK);
        var lorebook = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/lorebook").Expect(HttpStatusCode.OK);
        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context?query=starlight").Expect(HttpStatusCode.OK);

        Assert.Equal("lorebook_v3", lorebook.GetProperty("source").GetString());
        Assert.Contains("x_future", lorebook.GetProperty("book").GetProperty("unknown").GetString(), StringComparison.Ordinal);
        Assert.Contains("x_entry_future", lorebook.GetProperty("book").GetProperty("entries")[0].GetProperty("unknown").GetString(), StringComparison.Ordinal);
        Assert.True(context.GetProperty("lore").GetArrayLength() == 1, context.GetRawText());
        Assert.Equal("Stars are old light.", context.GetProperty("lore")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_catastrophic_regex_key_does_not_stall_the_context_and_is_reported()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        await client.PutAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/lorebook/entries/evil",
            new { keys = new[] { "^(a+)+\\1$" }, content = "Never.", enabled = true, insertion_order = 0, use_regex = true }).Expect(HttpStatusCode.OK);

        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context?query={new string('a', 3_000)}!").Expect(HttpStatusCode.OK);

        // The note is written only when the match was cut off at its budget; unbounded, this
        // pattern on 3,000 characters would run for longer than the universe has existed. How
        // long the answer took is the benchmarks' business, not this test's (a loaded machine
        // stretches it); that the grain is free for the next call is this test's.
        Assert.Empty(LoreIds(context));
        Assert.Contains("50 ms", context.GetProperty("loreNotes")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.True(await client.HeadVersionAsync(userId) > 0);
    }

    [Theory]
    [InlineData("""{"entries":"none"}""", "'entries' must be an array")]
    [InlineData("""{"entries":[{"keys":"dragon","content":"x"}]}""", "'entries[0].keys' must be an array of strings")]
    [InlineData("""{"entries":{"0":{"key":["a"],"content":5}}}""", "'entries.0.content' must be a string")]
    [InlineData("""{"spec":"lorebook_v9","data":{}}""", "Unsupported 'spec'")]
    [InlineData("""{"name":"no entries"}""", "no 'entries'")]
    [InlineData("""{"entries":[{"id":1,"keys":["a"],"content":"x"},{"id":1,"keys":["b"],"content":"y"}]}""", "id '1'")]
    [InlineData("[1,2]", "must be a JSON object")]
    public async Task A_malformed_lorebook_is_refused_with_a_detail_that_says_what_to_fix(string body, string detail)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var before = await client.HeadVersionAsync(userId);

        var problem = await client.PostAsync($"/v1/users/{userId}/companions/{companionId}/lorebook",
            new StringContent(body, Encoding.UTF8, "application/json")).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_card_with_a_malformed_book_and_an_entry_whose_id_disagrees_are_refused_with_a_detail()
    {
        var (userId, client) = await silo.NewUserAsync();
        var card = Card();
        card["data"]!["character_book"] = new JsonObject { ["entries"] = new JsonArray("not an entry") };
        var companionId = await client.NewCompanionAsync(userId);

        var cardProblem = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/from-card", card).Expect(HttpStatusCode.BadRequest);
        var entryProblem = await client.PutAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/lorebook/entries/a",
            new { id = "b", keys = new[] { "x" }, content = "y" }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("'data.character_book'", cardProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("path names entry 'a'", entryProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
