using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests.Feed;

/// <summary>Silos and calls the change-feed tests share.</summary>
internal static class Feed
{
    /// <summary>A silo that delivers to loopback receivers and retries fast.</summary>
    public static SiloFactory Silo(string? dataDirectory = null, int maxAttempts = 1000)
    {
        var silo = new SiloFactory(dataDirectory);
        silo.Settings["Webhooks:AllowLoopbackHttp"] = "true";
        silo.Settings["Webhooks:FirstRetryDelay"] = "00:00:00.100";
        silo.Settings["Webhooks:MaxRetryDelay"] = "00:00:00.500";
        silo.Settings["Webhooks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        silo.Settings["Webhooks:ResumePeriod"] = "00:00:01";
        silo.Settings["Orleans:ReminderOptions:MinimumReminderPeriod"] = "00:00:01";
        return silo;
    }

    public static async Task<(string WebhookId, string Secret)> RegisterAsync(this SiloFactory silo, string url, object? extra = null)
    {
        var created = await silo.Admin().PostAsJsonAsync("/v1/webhooks", extra ?? new { url }).Expect(HttpStatusCode.Created);
        return (created.GetProperty("webhookId").GetString() ?? "", created.GetProperty("secret").GetString() ?? "");
    }

    /// <summary>Writes a few events for the user (a companion, a session, messages) and answers the head.</summary>
    public static async Task<long> WriteSomeAsync(this HttpClient user, string userId, int messages)
    {
        var companion = await user.NewCompanionAsync(userId);
        var session = await user.NewSessionAsync(userId, companion);
        for (var i = 0; i < messages; i++)
        {
            await user.SayAsync(userId, companion, session, $"message {i}").Expect(HttpStatusCode.Created);
        }

        return await user.HeadVersionAsync(userId);
    }

    public static async Task<JsonElement> DeadLettersAsync(this SiloFactory silo) =>
        await silo.Admin().GetAsync("/v1/webhooks/dead-letters").Expect(HttpStatusCode.OK);
}
