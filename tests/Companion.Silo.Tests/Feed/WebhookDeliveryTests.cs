using System.Net;
using System.Net.Http.Json;
using Companion.Silo.Webhooks;
using Companion.Testing;
using Companion.Testing.Webhooks;

namespace Companion.Silo.Tests.Feed;

/// <summary>Webhooks delivered to a real HTTP receiver that verifies every signature with the StandardWebhooks library.</summary>
public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_event_of_twenty_users_arrives_in_order_per_user_with_stable_ids_while_the_receiver_is_down_for_a_while()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = Feed.Silo();
        var (webhookId, secret) = await silo.RegisterAsync(receiver.Url);
        receiver.Secret = secret;

        var heads = new Dictionary<string, long>();
        for (var i = 0; i < 20; i++)
        {
            if (i == 8)
            {
                await receiver.CloseAsync();
            }

            var (userId, user) = await silo.NewUserAsync($"User {i}");
            heads[userId] = await user.WriteSomeAsync(userId, messages: 3);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await receiver.OpenAsync();
        await Eventually.TrueAsync(() => receiver.HasEverything(heads), "every event of the 20 users reached the receiver", Patience);

        foreach (var (userId, versions) in receiver.VersionsByUser())
        {
            // Ordered, at least once: an event arrives only after every event before it has.
            var seen = 0L;
            foreach (var version in versions)
            {
                Assert.True(version <= seen + 1, $"User {userId}: version {version} arrived before version {seen + 1}.");
                seen = Math.Max(seen, version);
            }
        }

        var all = receiver.Accepted.ToList();
        // Every attempt at one (webhook, user, version) carries the same webhook-id, so duplicates can be dropped.
        Assert.All(all, d => Assert.Equal(WebhookSender.MessageId(webhookId, d.UserId, d.Version), d.WebhookId));
        Assert.All(all, d => Assert.False(d.HasContent, "A webhook registered without includeContent received an event's words."));
        Assert.Contains(all, d => d.Type == "message-recorded");
    }

    [Fact]
    public async Task Pending_deliveries_resume_after_the_silo_restarts_on_the_same_data_directory()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Refusing = true;
        var heads = new Dictionary<string, long>();
        string dataDirectory;
        string secret;
        await using (var first = Feed.Silo())
        {
            dataDirectory = first.DataDirectory;
            (_, secret) = await first.RegisterAsync(receiver.Url);
            receiver.Secret = secret;
            for (var i = 0; i < 3; i++)
            {
                var (userId, user) = await first.NewUserAsync();
                heads[userId] = await user.WriteSomeAsync(userId, messages: 2);
            }

            await Eventually.TrueAsync(() => receiver.Refused >= 3, "the first silo attempted deliveries", Patience);
        }

        receiver.Refusing = false;
        var before = receiver.Accepted.Count;
        await using var second = Feed.Silo(dataDirectory);
        second.EnsureStarted();

        // Nobody writes to these users again: only the durable reminder can bring their deliveries back.
        await Eventually.TrueAsync(() => receiver.HasEverything(heads), "the restarted silo delivered every pending event", Patience);
        Assert.Equal(0, before);
    }

    [Fact]
    public async Task A_pair_that_keeps_failing_is_dead_lettered_and_replay_delivers_it_again_from_the_version_asked()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Refusing = true;
        await using var silo = Feed.Silo(maxAttempts: 2);
        var (webhookId, secret) = await silo.RegisterAsync(receiver.Url);
        receiver.Secret = secret;
        var (userId, user) = await silo.NewUserAsync();
        var head = await user.WriteSomeAsync(userId, messages: 1);

        var deadLetter = default(System.Text.Json.JsonElement);
        await Eventually.TrueAsync(() =>
        {
            deadLetter = silo.DeadLettersAsync().GetAwaiter().GetResult();
            return deadLetter.GetArrayLength() == 1;
        }, "the failing pair was dead-lettered", Patience);
        var letter = deadLetter[0];
        Assert.Equal(webhookId, letter.GetProperty("webhookId").GetString());
        Assert.Equal(userId, letter.GetProperty("userId").GetString());
        Assert.Equal(1, letter.GetProperty("version").GetInt64());
        Assert.Contains("503", letter.GetProperty("lastError").GetString());
        Assert.Empty(receiver.Accepted);

        receiver.Refusing = false;
        await silo.Admin().PostAsJsonAsync($"/v1/webhooks/{webhookId}/replay", new { userId, fromVersion = 1 }).Expect(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => receiver.HasEverything(new Dictionary<string, long> { [userId] = head }), "the replay delivered the user's events", Patience);
        Assert.Equal(0, (await silo.DeadLettersAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_disabled_webhook_receives_nothing_and_catches_up_when_enabled_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = Feed.Silo();
        var (webhookId, secret) = await silo.RegisterAsync(receiver.Url);
        receiver.Secret = secret;
        await silo.Admin().PostAsync($"/v1/webhooks/{webhookId}/disable", null).Expect(HttpStatusCode.OK);
        var (userId, user) = await silo.NewUserAsync();
        var head = await user.WriteSomeAsync(userId, messages: 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(receiver.Accepted);

        await silo.Admin().PostAsync($"/v1/webhooks/{webhookId}/enable", null).Expect(HttpStatusCode.OK);
        await user.NewCompanionAsync(userId, "Another");
        await Eventually.TrueAsync(() => receiver.HasEverything(new Dictionary<string, long> { [userId] = head + 1 }), "the enabled webhook caught up", Patience);
    }

    [Fact]
    public async Task Content_goes_only_to_a_webhook_that_asked_for_it_and_only_the_event_types_it_named()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = Feed.Silo();
        (_, receiver.Secret) = await silo.RegisterAsync(receiver.Url, new { url = receiver.Url, eventTypes = new[] { "message-recorded" }, includeContent = true });
        var (userId, user) = await silo.NewUserAsync();
        await user.WriteSomeAsync(userId, messages: 2);

        await Eventually.TrueAsync(() => receiver.Accepted.Count >= 2, "both messages were delivered", Patience);
        Assert.All(receiver.Accepted, d => Assert.Equal("message-recorded", d.Type));
        Assert.All(receiver.Accepted, d => Assert.True(d.HasContent));
        Assert.Contains(receiver.Accepted, d => d.Body.Contains("message 1", StringComparison.Ordinal));
    }
}
