using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Companion.Continuity.Cards;

namespace Companion.Silo.Tests;

/// <summary>A card goes in as JSON or PNG and comes back out equal in every field, ours added under our own key only.</summary>
public sealed class CardRoundTripTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    private static JsonObject FullCard(string spec) => new()
    {
        ["spec"] = spec,
        ["spec_version"] = spec == CardSpec.V3 ? "3.0" : "2.0",
        ["x_top_level"] = new JsonObject { ["kept"] = true },
        ["data"] = new JsonObject
        {
            ["name"] = "Moss", ["description"] = "A quiet gardener.", ["personality"] = "calm", ["scenario"] = "A rooftop.",
            ["first_mes"] = "Hello.", ["mes_example"] = "<START>", ["creator_notes"] = "notes", ["system_prompt"] = "Be kind.",
            ["post_history_instructions"] = "Stay in character.", ["alternate_greetings"] = new JsonArray("Back again?", "Morning."),
            ["tags"] = new JsonArray("garden"), ["creator"] = "someone", ["character_version"] = "1.0.0",
            ["character_book"] = new JsonObject
            {
                ["name"] = "Garden lore", ["scan_depth"] = 4, ["token_budget"] = 500, ["recursive_scanning"] = false, ["x_book"] = 1,
                ["extensions"] = new JsonObject { ["x"] = "y" },
                ["entries"] = new JsonArray(new JsonObject
                {
                    ["keys"] = new JsonArray("garden"), ["secondary_keys"] = new JsonArray("roof"), ["content"] = "Moss grows tomatoes.",
                    ["extensions"] = new JsonObject(), ["enabled"] = true, ["insertion_order"] = 10, ["case_sensitive"] = false,
                    ["use_regex"] = false, ["constant"] = false, ["selective"] = true, ["priority"] = 3, ["id"] = 1,
                    ["comment"] = "c", ["position"] = "before_char", ["x_entry"] = new JsonArray(1.50, "é"),
                }),
            },
            ["extensions"] = new JsonObject { ["depth_prompt"] = new JsonObject { ["prompt"] = "Softly.", ["depth"] = 4 } },
            ["assets"] = new JsonArray(new JsonObject { ["type"] = "icon", ["uri"] = "ccdefault:", ["name"] = "main", ["ext"] = "png" }),
            ["nickname"] = "M", ["source"] = new JsonArray("https://example.org/moss"),
            ["creator_notes_multilingual"] = new JsonObject { ["fr"] = "notes" }, ["group_only_greetings"] = new JsonArray("Hi all."),
            ["creation_date"] = 1_700_000_000, ["modification_date"] = 1_700_000_100, ["x_data"] = null,
        },
    };

    [Theory]
    [InlineData(CardSpec.V2, "v2")]
    [InlineData(CardSpec.V3, "v3")]
    public async Task A_json_card_comes_back_equal_in_every_field_but_our_extension_key(string spec, string format)
    {
        var (userId, client) = await silo.NewUserAsync();
        var card = FullCard(spec);

        var companionId = await Create(client, userId, new StringContent(card.ToJsonString(), Encoding.UTF8, "application/json"));
        var exported = await Card(client, userId, companionId, format);

        Assert.True(JsonNode.DeepEquals(card, exported), exported.ToJsonString());
    }

    [Fact]
    public async Task A_png_card_comes_back_as_a_png_whose_ccv3_card_is_equal_in_every_field_but_our_extension_key()
    {
        var (userId, client) = await silo.NewUserAsync();
        var card = FullCard(CardSpec.V3);
        var png = PngCardWriter.Write(Encoding.UTF8.GetBytes(FullCard(CardSpec.V2).ToJsonString()), Encoding.UTF8.GetBytes(card.ToJsonString()), "x");

        var companionId = await Create(client, userId, Bytes(png, "image/png"));
        var answer = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/card?format=png");
        var (json, keyword, _, _) = PngCardReader.Read(await answer.Content.ReadAsByteArrayAsync());

        Assert.Equal("image/png", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ccv3", keyword);
        Assert.True(JsonNode.DeepEquals(card, WithoutOurKey(JsonNode.Parse(json)!)));
    }

    [Fact]
    public async Task A_v1_card_comes_out_as_v3_with_its_fields_mapped()
    {
        var (userId, client) = await silo.NewUserAsync();
        var v1 = "{\"name\":\"Flat\",\"description\":\"d\",\"personality\":\"p\",\"scenario\":\"s\",\"first_mes\":\"hi\",\"mes_example\":\"ex\"}";

        var companionId = await Create(client, userId, new StringContent(v1, Encoding.UTF8, "application/json"));
        var data = (await Card(client, userId, companionId, "v3"))["data"]!;

        Assert.Equal(["Flat", "d", "p", "s", "hi", "ex"], new[] { "name", "description", "personality", "scenario", "first_mes", "mes_example" }.Select(f => data[f]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_png_chunk_claiming_four_gigabytes_gets_413_saying_so_and_writes_nothing()
    {
        var (userId, client) = await silo.NewUserAsync();
        var png = PngCardWriter.Write([], [], "x")[..33];
        byte[] hostile = [.. png, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'t', (byte)'E', (byte)'X', (byte)'t', 0, 0, 0, 0];

        var problem = await client.PostAsync($"/v1/users/{userId}/companions/from-card", Bytes(hostile, "image/png")).Expect(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("claims 4294967295 bytes", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_card_of_another_media_type_gets_415_naming_the_ones_accepted()
    {
        var (userId, client) = await silo.NewUserAsync();

        var problem = await client.PostAsync($"/v1/users/{userId}/companions/from-card", Bytes([1, 2], "image/gif")).Expect(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("image/png", problem.GetProperty("detail").GetString());
    }

    private static ByteArrayContent Bytes(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static async Task<string> Create(HttpClient client, string userId, HttpContent body) =>
        (await client.PostAsync($"/v1/users/{userId}/companions/from-card", body).Expect(HttpStatusCode.Created)).GetProperty("companionId").GetString()!;

    private static async Task<JsonNode> Card(HttpClient client, string userId, string companionId, string format)
    {
        var answer = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/card?format={format}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return WithoutOurKey(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!);
    }

    private static JsonNode WithoutOurKey(JsonNode card)
    {
        Assert.NotNull(card["data"]!["extensions"]![CharacterCardWriter.ExtensionKey]);
        card["data"]!["extensions"]!.AsObject().Remove(CharacterCardWriter.ExtensionKey);
        return card;
    }
}
