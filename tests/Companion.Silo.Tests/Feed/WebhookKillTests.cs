using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Companion.Testing;
using Companion.Testing.Webhooks;

namespace Companion.Silo.Tests.Feed;

/// <summary>
/// The delivering silo is a real process killed with SIGKILL while its receiver refuses
/// everything; restarted on the same data, it delivers every pending event, at least once, with
/// the same webhook-id for every copy of an event.
/// </summary>
public sealed class WebhookKillTests
{
    private const string AdminToken = "webhook-kill-admin-token";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly string[] Settings =
    [
        "--RateLimits:Enabled", "false",
        "--Webhooks:AllowLoopbackHttp", "true",
        "--Webhooks:FirstRetryDelay", "00:00:00.100",
        "--Webhooks:MaxRetryDelay", "00:00:00.500",
        "--Webhooks:ResumePeriod", "00:00:01",
        "--Orleans:ReminderOptions:MinimumReminderPeriod", "00:00:01",
    ];

    [Fact]
    public async Task Kill_9_of_the_delivering_silo_loses_no_event_and_every_copy_of_an_event_carries_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Refusing = true;
        var data = Directory.CreateTempSubdirectory("companion-webhook-kill-").FullName;
        var heads = new Dictionary<string, long>();
        await using (var silo = await SiloProcess.StartAsync(data, AdminToken, Settings))
        {
            using var admin = Client(silo.BaseAddress, AdminToken);
            var created = await admin.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url }).Expect(HttpStatusCode.Created);
            receiver.Secret = created.GetProperty("secret").GetString();
            for (var i = 0; i < 5; i++)
            {
                var user = await admin.PostAsJsonAsync("/v1/users", new { displayName = $"Robin {i}" }).Expect(HttpStatusCode.Created);
                var userId = user.GetProperty("userId").GetString() ?? "";
                using var client = Client(silo.BaseAddress, user.GetProperty("token").GetString() ?? "");
                heads[userId] = await client.WriteSomeAsync(userId, messages: 3);
            }

            await Eventually.TrueAsync(() => receiver.Refused >= 5, "the silo attempted deliveries before it was killed", Patience);
            await silo.KillAsync();
        }

        receiver.Refusing = false;
        await using var restarted = await SiloProcess.StartAsync(data, AdminToken, Settings);

        // Nobody writes again: the durable reminder alone brings the pending deliveries back.
        await Eventually.TrueAsync(() => receiver.HasEverything(heads), "the restarted silo delivered every event of every user", Patience);
        var copies = receiver.Accepted.GroupBy(d => (d.UserId, d.Version)).ToList();
        Assert.Equal(heads.Values.Sum(), copies.Count);
        Assert.All(copies, copy => Assert.Single(copy.Select(d => d.WebhookId).Distinct()));
        foreach (var versions in receiver.VersionsByUser().Values)
        {
            var firsts = versions.Distinct().ToList();
            Assert.Equal(firsts.Order(), firsts);
        }
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
