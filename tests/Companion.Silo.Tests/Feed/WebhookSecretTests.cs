using System.Net;
using System.Text;
using Companion.Silo.Webhooks;
using Companion.Testing.Webhooks;

namespace Companion.Silo.Tests.Feed;

/// <summary>Webhook secrets are encrypted at rest: grain storage holds them wrapped under the master key.</summary>
public sealed class WebhookSecretTests
{
    [Fact]
    public async Task Grain_storage_holds_no_webhook_secret_in_the_clear_and_a_restarted_silo_still_signs_with_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var data = Directory.CreateTempSubdirectory("companion-webhook-secret-").FullName;
        string secret;
        await using (var silo = Feed.Silo(data))
        {
            (_, secret) = await silo.RegisterAsync(receiver.Url);
        }

        var key = WebhookSignature.SecretBytes(secret);
        var stored = Directory.GetFiles(data, "grain-state.db*").Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, bytes =>
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret[WebhookSignature.SecretPrefix.Length..])));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(key));
        });

        // The wrapped secret still signs after a restart: the receiver verifies with the secret it was given.
        receiver.Secret = secret;
        await using var restarted = Feed.Silo(data);
        var (userId, user) = await restarted.NewUserAsync();
        var head = await user.WriteSomeAsync(userId, messages: 1);
        await Companion.Testing.Eventually.TrueAsync(
            () => receiver.HasEverything(new Dictionary<string, long> { [userId] = head }), "the restarted silo delivered, signed with the same secret", TimeSpan.FromSeconds(30));
        Assert.Equal(0, receiver.Refused);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Admin().GetAsync("/v1/webhooks")).StatusCode);
    }
}
