using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Companion.Testing.Webhooks;

/// <summary>
/// A real webhook receiver for tests: Kestrel on a loopback port from <see cref="TestPorts"/>,
/// checking each delivery's signature with the StandardWebhooks library as a receiving app
/// would, and recording what it accepted. It can refuse deliveries on demand, and close its
/// port and open it again on the same port, so a test can watch deliveries wait and resume.
/// </summary>
public sealed partial class WebhookReceiver : IAsyncDisposable
{
    private readonly int _port = TestPorts.Next();
    private WebApplication? _app;
    private int _refused;

    private WebhookReceiver()
    {
    }

    /// <summary>The URL to register the webhook with.</summary>
    public string Url => $"http://127.0.0.1:{_port}/hook";

    /// <summary>
    /// The webhook's secret (<c>whsec_…</c>) as its registration answered it. Until it is set no
    /// delivery can be verified, so every one is refused.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>While true, every delivery is answered 503 Service Unavailable, as a receiver that is down would.</summary>
    public bool Refusing { get; set; }

    /// <summary>Every delivery that was verified and accepted, in the order it arrived (duplicates included).</summary>
    public ConcurrentQueue<WebhookDelivery> Accepted { get; } = new();

    /// <summary>How many deliveries were refused: while refusing, before the secret was set, or badly signed.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>A receiver listening on a port of its own.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.OpenAsync();
        return receiver;
    }

    /// <summary>Listens on the receiver's port again after <see cref="CloseAsync"/>; what it accepted is kept.</summary>
    public async Task OpenAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The receiver is already listening.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", ReceiveAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Closes the port, so deliveries fail to connect until <see cref="OpenAsync"/>.</summary>
    public async Task CloseAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync();
}
