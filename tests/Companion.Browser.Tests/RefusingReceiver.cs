using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Companion.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Companion.Browser.Tests;

/// <summary>
/// A real webhook receiver (Kestrel on a loopback port from <see cref="TestPorts"/>) that answers
/// 503 while <see cref="Refusing"/>, so deliveries fail and park as dead letters, and records the
/// (user, version) of each delivery it accepts once it is told to.
/// </summary>
internal sealed class RefusingReceiver : IAsyncDisposable
{
    private readonly int _port = TestPorts.Next();
    private WebApplication? _app;

    /// <summary>While true, every delivery is answered 503 Service Unavailable.</summary>
    public bool Refusing { get; set; } = true;

    public string Url => $"http://127.0.0.1:{_port}/hook";

    public ConcurrentQueue<(string UserId, long Version)> Accepted { get; } = new();

    public static async Task<RefusingReceiver> StartAsync()
    {
        var receiver = new RefusingReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, receiver._port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", receiver.Receive);
        await app.StartAsync();
        receiver._app = app;
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<IResult> Receive(HttpRequest request)
    {
        if (Refusing)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        using var json = await JsonDocument.ParseAsync(request.Body);
        var data = json.RootElement.GetProperty("data");
        Accepted.Enqueue((data.GetProperty("userId").GetString() ?? "", data.GetProperty("version").GetInt64()));
        return Results.NoContent();
    }
}
