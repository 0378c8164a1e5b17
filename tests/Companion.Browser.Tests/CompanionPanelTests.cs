using System.Globalization;
using Microsoft.Playwright;

namespace Companion.Browser.Tests;

/// <summary>The companion panel updates live while traffic flows, and a user's drill-down shows figures, not words.</summary>
public sealed class CompanionPanelTests(Browser browser) : IClassFixture<Browser>
{
    private const string Secret = "I never told anyone about the lighthouse";

    [Fact]
    public async Task The_panels_event_count_rises_while_traffic_flows_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page);
        Assert.EndsWith("/admin", page.Url);
        var total = page.Locator("#events-total");
        await Assertions.Expect(total).Not.ToHaveTextAsync("–");
        var before = Count(await total.TextContentAsync());

        await browser.Silo.UserWithConversationAsync("one", "two", "three");

        // A poll can land in the middle of the traffic, so wait for the whole of it to show.
        await page.WaitForFunctionAsync(
            "min => Number(document.getElementById('events-total').textContent.replace(/,/g, '')) >= min",
            before + 6,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#storage")).ToHaveTextAsync("Healthy");
        await Browser.ScreenshotAsync(page, "panel");
    }

    [Fact]
    public async Task A_users_drill_down_shows_version_hash_and_counts_but_no_message_text()
    {
        var userId = await browser.Silo.UserWithConversationAsync(Secret, "and the sea at night");
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page);

        await page.FillAsync("#user-id", userId);
        await page.ClickAsync("#user-show");
        var rows = page.Locator("#user-rows");
        await Assertions.Expect(rows).ToContainTextAsync(userId);
        await Assertions.Expect(rows).ToContainTextAsync("message-recorded");
        await Browser.ScreenshotAsync(page, "panel-user");

        var shown = await page.ContentAsync();
        Assert.Contains("stream version", shown);
        Assert.DoesNotContain("lighthouse", shown);
        Assert.DoesNotContain("the sea at night", shown);
        Assert.DoesNotContain("calm, curious", shown);
    }

    [Fact]
    public async Task The_panel_polls_only_while_it_is_visible()
    {
        var page = await browser.NewPageAsync();
        var overviewCalls = 0;
        page.Request += (_, request) => overviewCalls += request.Url.EndsWith("/admin/api/overview", StringComparison.Ordinal) ? 1 : 0;
        await Browser.LogInAsync(page);
        await Assertions.Expect(page.Locator("#events-total")).Not.ToHaveTextAsync("–");

        await page.EvaluateAsync("""
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
            document.dispatchEvent(new Event('visibilitychange'));
            """);
        await page.WaitForTimeoutAsync(500);
        var whileHidden = overviewCalls;
        await page.WaitForTimeoutAsync(4500);

        Assert.Equal(whileHidden, overviewCalls);
    }

    private static long Count(string? text) => long.Parse(text ?? "", NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en"));
}
