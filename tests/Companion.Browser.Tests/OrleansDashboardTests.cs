using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Companion.Browser.Tests;

/// <summary>An operator logs in and watches the cluster in the Orleans Dashboard; a wrong token sees nothing.</summary>
public sealed class OrleansDashboardTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task After_login_the_dashboard_lists_the_silo_and_the_user_grain_activations()
    {
        for (var i = 0; i < 3; i++)
        {
            await browser.Silo.UserWithConversationAsync("Good morning.");
        }

        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, returnUrl: "/dashboard/");
        Assert.EndsWith("/dashboard/", page.Url);

        await page.GotoAsync("/dashboard/#/grains");
        var userGrains = page.Locator("tr", new PageLocatorOptions { HasText = "UserGrain" });
        await Assertions.Expect(userGrains).ToBeVisibleAsync();
        await Assertions.Expect(userGrains).ToHaveTextAsync(new Regex(@"UserGrain\s*3\s*0\.00"));
        await Browser.ScreenshotAsync(page, "dashboard-grains");

        await page.GotoAsync("/dashboard/#/silos");
        await Assertions.Expect(page.GetByText($"127.0.0.1:{browser.Silo.SiloPort}@").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Active").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "dashboard-silos");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_dashboard_stays_closed()
    {
        var page = await browser.NewPageAsync();

        await Browser.LogInAsync(page, token: "not-the-admin-token", returnUrl: "/dashboard/");
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("That is not the admin token.");
        await Browser.ScreenshotAsync(page, "login-refused");
        var dashboard = await page.GotoAsync("/dashboard/");

        Assert.Equal((int)HttpStatusCode.Unauthorized, dashboard?.Status);
        Assert.Empty(await page.Context.CookiesAsync());
        await Assertions.Expect(page.Locator("form[action='/login']")).ToBeVisibleAsync();
    }
}
