using Microsoft.Playwright;

namespace Companion.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright: headless, kept off the network, each launch on a fresh
/// temporary profile. Playwright never downloads a browser here; when /usr/bin/chromium is missing
/// the tests fail and say how to install it.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private KestrelSilo? _silo;

    /// <summary>The silo the browser talks to; started once Chromium is known to be there.</summary>
    public KestrelSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> under the test output directory.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath}, which is missing. Run infra/install-chromium.sh (as root), then run the tests again.");
        }

        // Generous waits: the panel polls every two seconds, and CI runs test projects side by side on two cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        _silo = new KestrelSilo();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
            ],
        });
    }

    /// <summary>A new page in a context of its own: no cookies from other tests.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Silo.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs the page in through the login form with <paramref name="token"/>.</summary>
    public static async Task LogInAsync(IPage page, string token = KestrelSilo.AdminToken, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#token", token);
        await page.ClickAsync("#login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
