using System.Globalization;
using System.Net;
using System.Text;
using Companion.Silo.Webhooks;
using Companion.Testing.Webhooks;
using StandardWebhooks;

namespace Companion.Silo.Tests.Feed;

/// <summary>
/// The shared test receiver every webhook test trusts: it accepts only what is signed with its
/// secret, refuses while told to, and is unreachable while closed, or those tests would prove nothing.
/// </summary>
public sealed class WebhookReceiverTests
{
    private const string Body = """{"type":"message-recorded","data":{"userId":"u_1","version":3,"content":"hello"}}""";

    [Fact]
    public async Task The_test_receiver_accepts_a_delivery_signed_with_its_secret_and_refuses_one_signed_with_another()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(http, receiver.Url, WebhookSignature.NewSecret())).StatusCode);

        receiver.Secret = WebhookSignature.NewSecret();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, receiver.Url, WebhookSignature.NewSecret())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(http, receiver.Url, receiver.Secret)).StatusCode);

        var accepted = Assert.Single(receiver.Accepted);
        Assert.Equal(new WebhookDelivery("msg_1", "u_1", 3, "message-recorded", true, Body), accepted);
        Assert.Equal(2, receiver.Refused);
        Assert.True(receiver.HasAccepted("u_1", 3));
        Assert.False(receiver.HasEverything(new Dictionary<string, long> { ["u_1"] = 3 }));
    }

    [Fact]
    public async Task The_test_receiver_answers_503_while_refusing_and_cannot_be_reached_while_closed_then_accepts_on_the_same_url()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Secret = WebhookSignature.NewSecret();
        using var http = new HttpClient();

        receiver.Refusing = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(http, receiver.Url, receiver.Secret)).StatusCode);
        receiver.Refusing = false;
        await receiver.CloseAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(http, receiver.Url, receiver.Secret));

        await receiver.OpenAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(http, receiver.Url, receiver.Secret)).StatusCode);
        Assert.Single(receiver.Accepted);
        Assert.Equal(1, receiver.Refused);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", "msg_1");
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign("msg_1", timestamp, Body));
        return await http.SendAsync(request);
    }
}
