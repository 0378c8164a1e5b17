using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Companion.Silo.Tests;

/// <summary>Companions arrive from other software as Character Cards and leave as cards, extensions intact.</summary>
public sealed class CharacterCardApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    private static readonly JsonObject Extensions = new()
    {
        ["depth_prompt"] = new JsonObject { ["prompt"] = "Stay gentle.", ["depth"] = 4 },
        ["talkativeness"] = "0.4",
        ["fav"] = false,
    };

    [Theory]
    [InlineData("chara_card_v2", "2.0")]
    [InlineData("chara_card_v3", "3.0")]
    public async Task A_companion_created_from_a_card_exports_back_with_its_fields_and_unknown_extensions(string spec, string version)
    {
        var (userId, client) = await silo.NewUserAsync();
        var card = new JsonObject
        {
            ["spec"] = spec,
            ["spec_version"] = version,
            ["data"] = new JsonObject
            {
                ["name"] = "Wren",
                ["description"] = "A patient listener who remembers small things.",
                ["personality"] = "warm, unhurried",
                ["scenario"] = "Evening check-ins.",
                ["first_mes"] = "Hey, how did today land?",
                ["mes_example"] = "<START>\n{{user}}: I'm tired.\n{{char}}: Then let's go slow.",
                ["system_prompt"] = "Be a secure base.",
                ["creator_notes"] = "Made for the journaling practice.",
                ["tags"] = new JsonArray("gentle", "journal"),
                ["extensions"] = Extensions.DeepClone(),
                ["nickname"] = "W",
                ["assets"] = new JsonArray(),
            },
        };

        var created = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/from-card", card).Expect(HttpStatusCode.Created);
        var companionId = created.GetProperty("companionId").GetString()!;
        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context").Expect(HttpStatusCode.OK);
        var exported = JsonNode.Parse(Archives.Entry(await client.ExportAsync(userId), $"companions/{companionId}.card.json"))!["data"]!;

        Assert.Equal("Wren", context.GetProperty("name").GetString());
        Assert.Equal("Be a secure base.", context.GetProperty("persona").GetProperty("systemPrompt").GetString());
        Assert.Equal("Hey, how did today land?", exported["first_mes"]!.GetValue<string>());
        Assert.Equal(["gentle", "journal"], exported["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        foreach (var (key, value) in Extensions)
        {
            Assert.True(JsonNode.DeepEquals(value, exported["extensions"]![key]), $"extension '{key}' changed");
        }

        Assert.Equal(companionId, exported["extensions"]!["companion_grains"]!["companion_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Our_own_exported_card_imports_as_a_new_companion_without_the_old_identity()
    {
        var (userId, client) = await silo.NewUserAsync();
        var firstId = await client.NewCompanionAsync(userId, "Sol");
        var card = JsonNode.Parse(Archives.Entry(await client.ExportAsync(userId), $"companions/{firstId}.card.json"))!;

        var secondId = (await client.PostAsJsonAsync($"/v1/users/{userId}/companions/from-card", card).Expect(HttpStatusCode.Created))
            .GetProperty("companionId").GetString()!;
        var state = await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);

        Assert.NotEqual(firstId, secondId);
        var persona = state.GetProperty("companions").GetProperty(secondId).GetProperty("persona");
        Assert.Equal("A calm, curious friend.", persona.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, persona.GetProperty("extensions").ValueKind);
    }

    [Fact]
    public async Task A_companion_created_through_the_api_imports_back_from_its_own_exported_card_even_with_extensions_the_export_escapes()
    {
        // 24,000 characters sent as they are, which a JSON writer escapes to six each ('<' as \u003C, 'é' as \u00E9): 144,000.
        var note = string.Concat(Enumerable.Repeat("<é", 12_000));
        var (userId, client) = await silo.NewUserAsync();
        var body = new StringContent("{\"name\":\"Sol\",\"persona\":{\"description\":\"A calm, curious friend.\",\"extensions\":{\"note\":\"" + note + "\"}}}",
            System.Text.Encoding.UTF8, "application/json");
        var firstId = (await client.PostAsync($"/v1/users/{userId}/companions", body).Expect(HttpStatusCode.Created))
            .GetProperty("companionId").GetString()!;
        var card = JsonNode.Parse(Archives.Entry(await client.ExportAsync(userId), $"companions/{firstId}.card.json"))!;

        var secondId = (await client.PostAsJsonAsync($"/v1/users/{userId}/companions/from-card", card).Expect(HttpStatusCode.Created))
            .GetProperty("companionId").GetString()!;
        var state = await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);

        var stored = state.GetProperty("companions").GetProperty(secondId).GetProperty("persona").GetProperty("extensions");
        var extensions = JsonNode.Parse(stored.ValueKind == JsonValueKind.String ? stored.GetString()! : stored.GetRawText())!;
        Assert.Equal(note, extensions["note"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"spec\":\"chara_card_v9\",\"data\":{\"name\":\"X\"}}", "Unsupported card spec")]
    [InlineData("{\"spec\":\"chara_card_v2\"}", "no 'data' object")]
    [InlineData("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"X\",\"tags\":\"one\"}}", "'data.tags'")]
    [InlineData("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"X\",\"extensions\":[1]}}", "'data.extensions'")]
    [InlineData("{\"spec\":\"chara_card_v2\",\"data\":{\"description\":\"no name\"}}", "'name' is required")]
    public async Task A_card_that_cannot_be_read_gets_400_saying_why_and_creates_nothing(string body, string expected)
    {
        var (userId, client) = await silo.NewUserAsync();

        var problem = await client.PostAsync($"/v1/users/{userId}/companions/from-card", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.Equal(1, await client.HeadVersionAsync(userId));
    }
}
