using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Companion.History;

namespace Companion.Silo.Webhooks;

/// <summary>
/// POSTs one event to one webhook with the Standard Webhooks headers. The body names the user and
/// the event's type, version and time; the event's words go only where the subscription asked
/// for them. The HTTP client checks every address a host resolves to as it connects
/// (<see cref="WebhookTargets"/>) and never follows a redirect.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookPolicy policy, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    /// <summary>The same for every attempt at one (webhook, user, version), so a receiver can drop duplicates.</summary>
    public static string MessageId(string webhookId, string userId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"msg_{webhookId}_{userId}_{version}");

    /// <summary>Delivers; null when the receiver answered 2xx, otherwise why not (without the event's content).</summary>
    public async Task<string?> SendAsync(WebhookSubscription subscription, string userId, LogEntry entry, CancellationToken cancellationToken)
    {
        if (WebhookTargets.RefuseShape(subscription.Url, policy.AllowLoopback, out var uri) is { } refused)
        {
            return refused;
        }

        var body = Body(subscription, userId, entry);
        var messageId = MessageId(subscription.WebhookId, userId, entry.Stored.Version);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(subscription.Secret, messageId, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or WebhookRefusedException)
        {
            return Innermost(e).Message;
        }
    }

    /// <summary>The client's primary handler: connects only to addresses <see cref="WebhookTargets"/> allows, no proxy, no redirects, no cookies.</summary>
    public static SocketsHttpHandler Handler(WebhookPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var uri = context.InitialRequestMessage.RequestUri ?? new Uri("https://" + host);
            if (WebhookTargets.RefuseAddresses(uri, addresses, policy.AllowLoopback) is { } why)
            {
                throw new WebhookRefusedException(why);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static string Body(WebhookSubscription subscription, string userId, LogEntry entry)
    {
        var stored = entry.Stored;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", stored.Type);
            writer.WriteString("timestamp", stored.OccurredAt);
            writer.WriteStartObject("data");
            writer.WriteString("userId", userId);
            writer.WriteNumber("version", stored.Version);
            writer.WriteString("type", stored.Type);
            writer.WriteNumber("schemaVersion", stored.SchemaVersion);
            writer.WriteString("occurredAt", stored.OccurredAt);
            if (subscription.IncludeContent)
            {
                writer.WritePropertyName("content");
                writer.WriteRawValue((entry.Decrypted ?? stored.Payload).Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}

/// <summary>A connection refused by <see cref="WebhookTargets"/>.</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
