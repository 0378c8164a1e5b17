using System.Net;
using Companion.Grains;
using Companion.Silo.Webhooks;
using Companion.Testing;
using Companion.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Silo.Tests.Feed;

/// <summary>
/// A silo announces appends to the webhook delivery only while a webhook is enabled, and an append
/// made while it still believes there is none is announced once it learns of one.
/// </summary>
public sealed class WebhookAnnouncementTests
{
    [Fact]
    public async Task An_append_made_before_this_silo_learns_of_a_webhook_added_elsewhere_is_still_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = Feed.Silo();
        var (userId, user) = await silo.NewUserAsync();
        var companion = await user.NewCompanionAsync(userId);
        var session = await user.NewSessionAsync(userId, companion);
        // This silo has read the registry and found no webhook.
        await Task.Delay(WebhookAppendListener.RefreshPeriod * 2);
        await user.SayAsync(userId, companion, session, "before any webhook").Expect(HttpStatusCode.Created);

        // Added straight into the registry, as another silo's API would: this silo is not told.
        var secret = WebhookSignature.NewSecret();
        receiver.Secret = secret;
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IWebhookRegistryGrain>(0).Add(
            new WebhookSubscription(Ids.New("wh"), receiver.Url, [], false, secret, true, DateTimeOffset.UtcNow));
        await user.SayAsync(userId, companion, session, "after the webhook").Expect(HttpStatusCode.Created);
        var head = await user.HeadVersionAsync(userId);

        // No later append comes to carry the notice: only this silo's next read of the registry can.
        await Eventually.TrueAsync(() => receiver.HasAccepted(userId, head), "the append made after the webhook was added reached the receiver", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(receiver.Accepted, d => d.UserId == userId && d.Version < head);
    }

    [Fact]
    public async Task With_no_webhook_enabled_an_append_activates_no_delivery_for_its_user()
    {
        await using var silo = Feed.Silo();
        var (firstId, first) = await silo.NewUserAsync("First");
        await first.WriteSomeAsync(firstId, messages: 1);
        await Task.Delay(WebhookAppendListener.RefreshPeriod * 2);

        var (userId, user) = await silo.NewUserAsync("Second");
        await user.WriteSomeAsync(userId, messages: 3);
        await Task.Delay(WebhookAppendListener.RefreshPeriod * 2);

        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var active = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var ofUser = active.Where(s => s.GrainId.Key.ToString() == userId).Select(s => s.GrainType).ToList();
        Assert.Contains(ofUser, t => t.Contains("UserGrain", StringComparison.Ordinal));
        Assert.DoesNotContain(ofUser, t => t.Contains(nameof(WebhookDeliveryGrain), StringComparison.Ordinal));

        // Once a webhook is enabled through this silo, the next append is announced at once.
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await silo.RegisterAsync(receiver.Url);
        receiver.Secret = secret;
        var head = await user.WriteSomeAsync(userId, messages: 1);
        await Eventually.TrueAsync(() => receiver.HasAccepted(userId, head), "the next append reached the receiver", TimeSpan.FromSeconds(30));
    }
}
