using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Companion.Testing.Webhooks;

namespace Companion.Browser.Tests;

/// <summary>The companion panel's webhooks section: subscriptions and dead letters shown as figures, and its buttons act through the admin API.</summary>
public sealed class PanelWebhooksTests(Browser browser) : IClassFixture<Browser>
{
    private const string Secret = "the key is under the blue stone";

    [Fact]
    public async Task The_panel_shows_a_webhook_and_its_dead_letter_and_its_replay_and_disable_buttons_act_without_console_errors()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Refusing = true;
        var admin = browser.Silo.Http();
        var created = await Json(await admin.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url }));
        var webhookId = created.GetProperty("webhookId").GetString();
        receiver.Secret = created.GetProperty("secret").GetString();
        var userId = await browser.Silo.UserWithConversationAsync(Secret);
        await EventuallyAsync(async () => (await DeadLettersAsync(admin)).Any(d => d.GetProperty("userId").GetString() == userId), "the refused delivery is dead-lettered");

        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text + " at " + message.Location);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        await Browser.LogInAsync(page);

        var webhookRow = page.Locator($"#webhook-rows tr[data-webhook-id='{webhookId}']");
        await Assertions.Expect(webhookRow.Locator(".webhook-url")).ToHaveTextAsync(receiver.Url);
        await Assertions.Expect(webhookRow.Locator(".webhook-state")).ToHaveTextAsync("enabled");
        await Assertions.Expect(webhookRow.Locator(".webhook-dead")).ToHaveTextAsync("1");
        var deadLetter = page.Locator($"#dead-letter-rows tr[data-user-id='{userId}']");
        await Assertions.Expect(deadLetter.Locator(".dead-letter-version")).ToHaveTextAsync("1");
        await Assertions.Expect(deadLetter.Locator(".dead-letter-type")).ToHaveTextAsync("user-registered");
        await Assertions.Expect(deadLetter.Locator(".dead-letter-error")).ToContainTextAsync("503");
        await Browser.ScreenshotAsync(page, "panel-webhooks");
        var shown = await page.ContentAsync();
        Assert.DoesNotContain("blue stone", shown);
        Assert.DoesNotContain("whsec_", shown);

        receiver.Refusing = false;
        await deadLetter.Locator(".dead-letter-replay").ClickAsync();
        await Assertions.Expect(page.Locator("#dead-letter-rows")).ToHaveTextAsync("No dead letters.");
        Assert.Empty(await DeadLettersAsync(admin));
        await EventuallyAsync(() => Task.FromResult(receiver.HasAccepted(userId, 1)), "the replayed event reaches the receiver");

        await webhookRow.Locator(".webhook-disable").ClickAsync();
        await Assertions.Expect(webhookRow.Locator(".webhook-state")).ToHaveTextAsync("disabled");
        var listed = await Json(await admin.GetAsync("/v1/webhooks"));
        Assert.False(listed.EnumerateArray().Single(w => w.GetProperty("webhookId").GetString() == webhookId).GetProperty("enabled").GetBoolean());

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await webhookRow.Locator(".webhook-delete").ClickAsync();
        await Assertions.Expect(webhookRow).ToHaveCountAsync(0);
        Assert.DoesNotContain((await Json(await admin.GetAsync("/v1/webhooks"))).EnumerateArray(), w => w.GetProperty("webhookId").GetString() == webhookId);

        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    private static async Task<JsonElement[]> DeadLettersAsync(HttpClient admin) =>
        [.. (await Json(await admin.GetAsync("/v1/webhooks/dead-letters"))).EnumerateArray()];

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
