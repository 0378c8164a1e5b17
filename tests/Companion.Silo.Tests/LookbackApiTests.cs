using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

public sealed class LookbackApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task The_practice_catalogue_is_served_with_prompts_moods_and_each_practice_s_fields()
    {
        var (_, client) = await silo.NewUserAsync();

        var catalog = await client.GetAsync("/v1/practices").Expect(HttpStatusCode.OK);

        var practices = catalog.GetProperty("practices").EnumerateArray().ToDictionary(p => p.GetProperty("kind").GetString()!);
        Assert.Equal(7, practices.Count);
        Assert.Equal(["oldStory", "newStory"], practices["reframe-old-story"].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(practices["when-insecurity-shows-up"].GetProperty("prompt").GetString()));
        Assert.Contains("calm", catalog.GetProperty("moods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task A_practice_entry_is_written_and_read_back_with_its_fields()
    {
        var (userId, client) = await silo.NewUserAsync();

        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new
        {
            text = "Sam missed the bus. He still came.",
            mood = "hopeful",
            practice = "reframe-old-story",
            fields = new { oldStory = "People always leave", newStory = "Some people stay" },
        }).Expect(HttpStatusCode.Created);
        var journal = await client.GetAsync($"/v1/users/{userId}/journal").Expect(HttpStatusCode.OK);

        var entry = journal.GetProperty("entries")[0];
        Assert.Equal("reframe-old-story", entry.GetProperty("practice").GetString());
        Assert.Equal("Some people stay", entry.GetProperty("fields").GetProperty("newStory").GetString());
    }

    [Theory]
    [InlineData("""{"text":"t","practice":"positive-vibes-only"}""", "'practice' must be one of")]
    [InlineData("""{"text":"t","practice":"celebrate-connection","fields":{"oldStory":"x"}}""", "'fields.oldStory' does not belong to the practice 'celebrate-connection'")]
    [InlineData("""{"text":"t","fields":{"with":"Ada"}}""", "'fields.with' belongs to a practice")]
    [InlineData("""{"text":"t","practice":"celebrate-connection","fields":{"whom":"Ada"}}""", "whom")]
    public async Task A_bad_practice_entry_is_refused_with_a_detail_naming_the_field(string body, string detail)
    {
        var (userId, client) = await silo.NewUserAsync();

        var problem = await client.PostAsync($"/v1/users/{userId}/journal", new StringContent(body, new MediaTypeHeaderValue("application/json")))
            .Expect(HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_over_long_field_is_refused_with_its_name_and_the_limit()
    {
        var (userId, client) = await silo.NewUserAsync();

        var problem = await client.PostAsJsonAsync($"/v1/users/{userId}/journal",
            new { text = "t", practice = "when-insecurity-shows-up", fields = new { patternNoticed = new string('a', 8_001) } }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("'fields.patternNoticed' is 8001 characters long; the limit is 8000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_look_back_answers_in_json_and_markdown_with_then_and_now_in_the_user_s_words()
    {
        var (userId, client) = await silo.NewUserAsync();
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "First, shaky.", mood = "anxious", practice = "secure-base-check-in" }).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "Later, steadier.", mood = "calm", practice = "secure-base-check-in" }).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "Coffee.", practice = "celebrate-connection", fields = new { with = "Ada" } }).Expect(HttpStatusCode.Created);

        var lookback = await client.GetAsync($"/v1/users/{userId}/lookback?by=week").Expect(HttpStatusCode.OK);
        // One fixed end for both Markdown answers: by default it is "now", which two requests may see a second apart.
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        var markdown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userId}/lookback?to={to}") { Headers = { Accept = { new("text/markdown") } } });
        var byQuery = await client.GetStringAsync($"/v1/users/{userId}/lookback?format=md&to={to}");

        Assert.Equal("week", lookback.GetProperty("by").GetString());
        Assert.Equal(3, lookback.GetProperty("entries").GetInt32());
        var checkIn = lookback.GetProperty("thenAndNow").EnumerateArray().Single(t => t.GetProperty("practice").GetString() == "secure-base-check-in");
        Assert.Equal(("First, shaky.", "Later, steadier."), (checkIn.GetProperty("then").GetProperty("text").GetString(), checkIn.GetProperty("now").GetProperty("text").GetString()));
        Assert.Equal("Ada", lookback.GetProperty("periods").EnumerateArray().Last().GetProperty("connections")[0].GetProperty("with").GetString());
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith("# Look back", text);
        Assert.Contains("> Later, steadier.", text);
        Assert.Equal(text.Replace("by week", "by month"), byQuery.Replace("by week", "by month"));
    }

    [Fact]
    public async Task The_mood_chart_is_svg_without_scripts_and_escapes_the_user_s_labels()
    {
        var (userId, client) = await silo.NewUserAsync();
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "x", mood = "calm" }).Expect(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "y", mood = "calm_ish" }).Expect(HttpStatusCode.Created);

        var response = await client.GetAsync($"/v1/users/{userId}/lookback.svg?by=month");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, svg.Split("class=\"bar\"").Length - 1);
        System.Xml.Linq.XDocument.Parse(svg);
    }

    [Theory]
    [InlineData("by=day", "'by' must be 'week' or 'month'")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "'from' must not be after 'to'")]
    [InlineData("from=1990-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&by=week", "by=month")]
    [InlineData("format=pdf", "'format'")]
    public async Task A_bad_look_back_query_is_refused_with_what_to_fix(string query, string detail)
    {
        var (userId, client) = await silo.NewUserAsync();

        var problem = await client.GetAsync($"/v1/users/{userId}/lookback?{query}").Expect(HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_the_user_s_own_token_reads_the_look_back_never_the_admin_token()
    {
        var (userId, client) = await silo.NewUserAsync();
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "Private words.", mood = "calm" }).Expect(HttpStatusCode.Created);
        var (_, other) = await silo.NewUserAsync("Sam");

        var asAdmin = await silo.Admin().GetAsync($"/v1/users/{userId}/lookback").Expect(HttpStatusCode.Forbidden);
        var chartAsAdmin = await silo.Admin().GetAsync($"/v1/users/{userId}/lookback.svg");
        await other.GetAsync($"/v1/users/{userId}/lookback").Expect(HttpStatusCode.Forbidden);

        Assert.Contains("the user's own token", asAdmin.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, chartAsAdmin.StatusCode);
        Assert.DoesNotContain("Private words.", await chartAsAdmin.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, (await client.GetAsync($"/v1/users/{userId}/lookback").Expect(HttpStatusCode.OK)).ValueKind);
    }
}
