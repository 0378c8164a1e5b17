using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Companion.Silo.Tests;

/// <summary>Chat histories come in from SillyTavern with their times, names and swipes, and go out again as its .jsonl.</summary>
public sealed class ChatHistoryApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    private const int Messages = 300;

    [Fact]
    public async Task A_SillyTavern_chat_of_several_hundred_messages_imports_with_every_time_name_swipe_and_field()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId, "Seraphina");
        var (file, lines) = SillyTavernChat();

        var imported = await ImportAsync(client, userId, companionId, file).Expect(HttpStatusCode.Created);
        var sessionId = imported.GetProperty("sessionId").GetString()!;
        var exported = await TranscriptLinesAsync(client, userId, companionId, sessionId);

        Assert.Equal(("sillytavern", Messages), (imported.GetProperty("format").GetString(), imported.GetProperty("messages").GetInt32()));
        Assert.Equal(Messages + 1, exported.Count);
        Assert.Equal("Seraphina", exported[0]["character_name"]!.GetValue<string>());
        for (var i = 1; i < lines.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(lines[i], exported[i]), $"line {i + 1} came back as {exported[i].ToJsonString()}, not {lines[i].ToJsonString()}");
        }

        var context = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/context?messages=1").Expect(HttpStatusCode.OK);
        var last = context.GetProperty("recentMessages")[0];
        Assert.Equal(Start.AddMinutes(Messages - 1), last.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_same_file_imported_again_writes_nothing_and_answers_the_same_session()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var (file, _) = SillyTavernChat();
        var first = await ImportAsync(client, userId, companionId, file).Expect(HttpStatusCode.Created);
        var head = await client.HeadVersionAsync(userId);

        var second = await ImportAsync(client, userId, companionId, file).Expect(HttpStatusCode.OK);

        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("sessionId").GetString(), second.GetProperty("sessionId").GetString());
        Assert.Equal(head, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_chat_with_a_broken_line_in_the_middle_is_refused_whole_naming_the_line()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var head = await client.HeadVersionAsync(userId);
        var lines = Encoding.UTF8.GetString(SillyTavernChat().File).Split('\n');
        lines[150] = lines[150][..^10];

        var refused = await ImportAsync(client, userId, companionId, Encoding.UTF8.GetBytes(string.Join('\n', lines))).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("Line 151", refused.GetProperty("detail").GetString());
        Assert.Equal(head, await client.HeadVersionAsync(userId));
    }

    [Theory]
    [InlineData(1_500_000, 1)]
    [InlineData(100_000, 30)]
    public async Task A_gigantic_line_or_a_file_over_the_bound_is_refused_as_too_large_and_nothing_is_written(int lineChars, int lineCount)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var head = await client.HeadVersionAsync(userId);
        var line = new JsonObject { ["name"] = "Robin", ["is_user"] = true, ["is_system"] = false, ["send_date"] = 1720197420000, ["mes"] = new string('a', lineChars) }.ToJsonString();

        await ImportAsync(client, userId, companionId, Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat(line, lineCount)))).Expect(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(head, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task An_exported_chat_imports_into_another_user_as_the_same_messages()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId, "Seraphina");
        var sessionId = (await ImportAsync(client, userId, companionId, SillyTavernChat().File).Expect(HttpStatusCode.Created)).GetProperty("sessionId").GetString()!;
        var exported = await client.GetByteArrayAsync($"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/transcript?format=jsonl");
        var (otherId, other) = await silo.NewUserAsync();
        var otherCompanion = await other.NewCompanionAsync(otherId, "Seraphina");

        var again = (await ImportAsync(other, otherId, otherCompanion, exported).Expect(HttpStatusCode.Created)).GetProperty("sessionId").GetString()!;

        var first = await TranscriptLinesAsync(client, userId, companionId, sessionId);
        var second = await TranscriptLinesAsync(other, otherId, otherCompanion, again);
        Assert.Equal(first.Count, second.Count);
        for (var i = 1; i < first.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(first[i], second[i]), $"line {i + 1} changed: {second[i].ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_generic_jsonl_imports_with_roles_names_times_and_models_and_reads_back_as_markdown()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId, "Sol");
        var file = """
            {"role":"system","text":"Evening.","sentAt":"2024-07-05T16:37:00Z"}
            {"role":"user","text":"Hi","sentAt":1720197480000,"name":"Robin"}
            {"role":"assistant","text":"Hello, Robin.","sentAt":"2024-07-05T16:39:00Z","model":"gpt-4o","mood":"warm"}
            """;

        var imported = await ImportAsync(client, userId, companionId, Encoding.UTF8.GetBytes(file)).Expect(HttpStatusCode.Created);
        var sessionId = imported.GetProperty("sessionId").GetString()!;
        var markdown = await client.GetStringAsync($"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/transcript");
        var lines = await TranscriptLinesAsync(client, userId, companionId, sessionId);

        Assert.Equal("generic", imported.GetProperty("format").GetString());
        Assert.Contains("**Robin** (user) · 2024-07-05 16:38:00 UTC", markdown);
        Assert.Contains("**Sol** (companion) · 2024-07-05 16:39:00 UTC", markdown);
        Assert.Contains("(system)", markdown);
        Assert.Equal("gpt-4o", lines[3]["extra"]!["model"]!.GetValue<string>());
        Assert.Equal("warm", lines[3]["mood"]!.GetValue<string>());
        Assert.True(lines[1]["is_system"]!.GetValue<bool>());
    }

    private static readonly DateTimeOffset Start = new(2024, 7, 5, 16, 37, 0, TimeSpan.Zero);

    /// <summary>A SillyTavern chat as it saves one: humanised and older date forms, system lines, swipes with their info, extras.</summary>
    private static (byte[] File, List<JsonObject> Lines) SillyTavernChat()
    {
        var lines = new List<JsonObject>
        {
            new()
            {
                ["user_name"] = "Robin",
                ["character_name"] = "Seraphina",
                ["create_date"] = "2024-07-05@16h37m00s",
                ["chat_metadata"] = new JsonObject(),
            },
        };
        for (var i = 0; i < Messages; i++)
        {
            var at = Start.AddMinutes(i);
            var isSystem = i % 50 == 25;
            var isUser = !isSystem && i % 2 == 0;
            JsonNode sendDate = (i % 3) switch
            {
                0 => at.ToString("MMMM d, yyyy h:mmtt", System.Globalization.CultureInfo.InvariantCulture).Replace("AM", "am").Replace("PM", "pm"),
                1 => at.ToUnixTimeMilliseconds(),
                _ => at.ToString("yyyy-M-d'@'HH'h'mm'm'ss's'", System.Globalization.CultureInfo.InvariantCulture),
            };
            var line = new JsonObject
            {
                ["name"] = isSystem ? "Narrator" : isUser ? "Robin" : "Seraphina",
                ["is_user"] = isUser,
                ["is_system"] = isSystem,
                ["send_date"] = sendDate,
                ["mes"] = $"Message {i}: \"quoted\", ünïcode 🌲\nand a second line.",
                ["extra"] = isUser || isSystem ? new JsonObject() : new JsonObject { ["api"] = "openai", ["model"] = i % 4 == 1 ? "gpt-4o" : "claude-3-opus", ["token_count"] = 42 },
            };
            if (!isUser && !isSystem)
            {
                line["swipe_id"] = 1;
                line["swipes"] = new JsonArray($"First try {i}", line["mes"]!.GetValue<string>(), $"Third try {i}");
                line["swipe_info"] = new JsonArray(new JsonObject { ["send_date"] = sendDate.DeepClone(), ["gen_started"] = "2024-07-05T16:37:00.000Z", ["extra"] = new JsonObject() });
                line["gen_started"] = "2024-07-05T16:37:00.000Z";
                line["gen_finished"] = "2024-07-05T16:37:04.000Z";
                line["force_avatar"] = "User Avatars/robin.png";
            }

            lines.Add(line);
        }

        return (Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(l => l.ToJsonString())) + "\n"), lines);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string userId, string companionId, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        return client.PostAsync($"/v1/users/{userId}/companions/{companionId}/histories", content);
    }

    private static async Task<List<JsonObject>> TranscriptLinesAsync(HttpClient client, string userId, string companionId, string sessionId)
    {
        var text = await client.GetStringAsync($"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/transcript?format=jsonl");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }
}
