using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Companion.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Companion.Client.Tests;

/// <summary>A real HTTP receiver (Kestrel on a loopback test port) that accepts every delivery and records it.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/hook";
    }

    public string Url { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = TestPorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var data = body.RootElement.GetProperty("data");
        Deliveries.Enqueue(new Delivery(
            request.Headers["webhook-id"].ToString(),
            data.GetProperty("userId").GetString() ?? "",
            data.GetProperty("version").GetInt64(),
            body.RootElement.GetProperty("type").GetString() ?? "",
            data.TryGetProperty("content", out _)));
        return Results.NoContent();
    }

    /// <summary>One delivery: its Standard Webhooks id, whose event it was, and whether the words came with it.</summary>
    internal sealed record Delivery(string WebhookId, string UserId, long Version, string Type, bool HasContent);
}
