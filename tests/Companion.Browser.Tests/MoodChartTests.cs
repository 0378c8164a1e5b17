using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Companion.Browser.Tests;

/// <summary>The look-back's mood chart, as the user's app would show it, renders in Chromium.</summary>
public sealed class MoodChartTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_mood_chart_renders_in_chromium_with_one_bar_per_mood_and_no_console_errors()
    {
        var created = JsonDocument.Parse(await (await browser.Silo.Http().PostAsJsonAsync("/v1/users", new { displayName = "Robin" }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var userId = created.GetProperty("userId").GetString();
        var token = created.GetProperty("token").GetString();
        var user = browser.Silo.Http(token);
        foreach (var (mood, text) in new[] { ("calm", "Slept well."), ("calm", "Quiet walk."), ("hopeful", "Sam came."), ("anxious", "No reply yet."), ("anxious", "<script>alert(1)</script>") })
        {
            (await user.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text, mood, practice = "secure-base-check-in" })).EnsureSuccessStatusCode();
        }

        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        // Chromium asks for /favicon.ico on its own; that 404 is the browser's, not the chart's.
        page.Console += (_, message) => errors.AddRange(message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)
            ? [$"{message.Text} ({message.Location})"] : []);
        page.PageError += (_, error) => errors.Add(error);
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });

        var response = await page.GotoAsync($"/v1/users/{userId}/lookback.svg?by=week");
        // An SVG document has no scrollable page to stitch, so the screenshot is of the viewport.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "lookback-moods.png") });

        Assert.Equal(200, response?.Status);
        Assert.Equal("image/svg+xml; charset=utf-8", response?.Headers["content-type"]);
        var bars = page.Locator("svg rect.bar");
        await Assertions.Expect(bars).ToHaveCountAsync(3);
        var counts = await bars.EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.getAttribute('data-count')))");
        Assert.Equal(5, counts.Sum());
        var box = await bars.First.BoundingBoxAsync();
        Assert.True(box is { Width: > 0, Height: > 0 }, "the bars are drawn with a size");
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
