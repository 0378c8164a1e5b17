using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Companion.Silo.Webhooks;
using StandardWebhooks;

namespace Companion.Silo.Tests.Feed;

/// <summary>Where a webhook may point (SSRF), and how deliveries are signed.</summary>
public sealed class WebhookTargetTests : IClassFixture<WebhookTargetTests.StrictSilo>
{
    private readonly StrictSilo _silo;

    public WebhookTargetTests(StrictSilo silo) => _silo = silo;

    /// <summary>A silo outside Development with loopback refused, as in production.</summary>
    public sealed class StrictSilo : SiloFactory
    {
        public StrictSilo() => Settings["Webhooks:AllowLoopbackHttp"] = "false";
    }

    [Theory]
    [InlineData("http://203.0.113.10/hook", "https")]
    [InlineData("ftp://203.0.113.10/hook", "https")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://100.100.100.200/hook", "metadata")]
    [InlineData("https://[fd00:ec2::254]/hook", "metadata")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "link-local")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("http://127.0.0.1:9/hook", "https")]
    [InlineData("https://user:pass@203.0.113.10/hook", "password")]
    public async Task Registering_a_webhook_that_could_reach_inside_is_refused_with_a_detail_saying_why(string url, string why)
    {
        var problem = await _silo.Admin().PostAsJsonAsync("/v1/webhooks", new { url }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var listed = await _silo.Admin().GetAsync("/v1/webhooks").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), w => w.GetProperty("url").GetString() == url);
    }

    [Fact]
    public async Task A_public_https_webhook_is_registered_with_a_standard_webhooks_secret_shown_once()
    {
        var created = await _silo.Admin().PostAsJsonAsync("/v1/webhooks", new { url = "https://203.0.113.10/hook" }).Expect(HttpStatusCode.Created);

        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());
        Assert.False(created.GetProperty("includeContent").GetBoolean());
        var listed = await _silo.Admin().GetAsync("/v1/webhooks").Expect(HttpStatusCode.OK);
        var row = Assert.Single(listed.EnumerateArray(), w => w.GetProperty("webhookId").GetString() == created.GetProperty("webhookId").GetString());
        Assert.False(row.TryGetProperty("secret", out _), "The list showed a webhook's secret.");
    }

    [Fact]
    public async Task An_unknown_event_type_is_refused_naming_the_known_ones()
    {
        var problem = await _silo.Admin().PostAsJsonAsync("/v1/webhooks", new { url = "https://203.0.113.10/hook", eventTypes = new[] { "message-sent" } }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("message-recorded", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_the_operator_manages_webhooks()
    {
        var (_, user) = await _silo.NewUserAsync();

        await user.GetAsync("/v1/webhooks").Expect(HttpStatusCode.Forbidden);
        await user.PostAsJsonAsync("/v1/webhooks", new { url = "https://203.0.113.10/hook" }).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void A_name_is_refused_when_any_address_it_resolves_to_is_refused()
    {
        var uri = new Uri("https://hooks.example.com/hook");

        Assert.Null(WebhookTargets.RefuseAddresses(uri, [IPAddress.Parse("203.0.113.10")], allowLoopback: false));
        Assert.Contains("link-local", WebhookTargets.RefuseAddresses(uri, [IPAddress.Parse("203.0.113.10"), IPAddress.Parse("169.254.169.254")], allowLoopback: false));
        Assert.Contains("loopback", WebhookTargets.RefuseAddresses(uri, [IPAddress.Loopback], allowLoopback: false));
        Assert.Contains("https", WebhookTargets.RefuseAddresses(new Uri("http://hooks.example.com/"), [IPAddress.Parse("203.0.113.10")], allowLoopback: true));
    }

    [Fact]
    public void Our_signature_verifies_with_the_StandardWebhooks_library_and_a_changed_body_does_not()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow;
        const string body = """{"type":"message-recorded","data":{"userId":"u_1","version":3}}""";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "msg_wh_1_u_1_3",
            ["webhook-timestamp"] = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSignature.Sign(secret, "msg_wh_1_u_1_3", timestamp.ToUnixTimeSeconds(), body),
        };

        new StandardWebhook(secret).Verify(body, headers);
        Assert.Equal(new StandardWebhook(secret).Sign("msg_wh_1_u_1_3", timestamp, body), headers["webhook-signature"].ToString());
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(secret).Verify(body.Replace("3}", "4}", StringComparison.Ordinal), headers));
    }
}
