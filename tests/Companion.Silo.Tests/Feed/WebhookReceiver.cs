using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Companion.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Companion.Silo.Tests.Feed;

/// <summary>
/// A real HTTP receiver (Kestrel on a loopback port from <see cref="TestPorts"/>) that checks each
/// delivery's signature with the StandardWebhooks library, as a receiving app would, and records
/// what it accepted. It can be stopped and started again on the same port, or told to fail.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly int _port = TestPorts.Next();
    private WebApplication? _app;

    /// <summary>The webhook's secret, once it is registered; until then every delivery is refused.</summary>
    public string? Secret { get; set; }

    /// <summary>When true, every delivery is answered 500.</summary>
    public bool Failing { get; set; }

    public string Url => $"http://127.0.0.1:{_port}/hook";

    public ConcurrentQueue<Delivery> Accepted { get; } = new();

    public int Refused => _refused;

    private int _refused;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartAsync(CancellationToken.None);
        return receiver;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", Receive);
        await app.StartAsync(cancellationToken);
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Each accepted version per user, in the order they arrived (duplicates included).</summary>
    public Dictionary<string, List<long>> VersionsByUser() =>
        Accepted.GroupBy(d => d.UserId).ToDictionary(g => g.Key, g => g.Select(d => d.Version).ToList());

    public bool HasEverything(IReadOnlyDictionary<string, long> heads)
    {
        var got = VersionsByUser();
        return heads.All(h => got.TryGetValue(h.Key, out var versions) && Enumerable.Range(1, (int)h.Value).All(v => versions.Contains(v)));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<IResult> Receive(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (Failing || Secret is not { } secret)
        {
            Interlocked.Increment(ref _refused);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        try
        {
            new StandardWebhook(secret).Verify(body, request.Headers);
        }
        catch (WebhookVerificationException)
        {
            Interlocked.Increment(ref _refused);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        Accepted.Enqueue(new Delivery(
            request.Headers["webhook-id"].ToString(),
            data.GetProperty("userId").GetString() ?? "",
            data.GetProperty("version").GetInt64(),
            json.RootElement.GetProperty("type").GetString() ?? "",
            data.TryGetProperty("content", out _),
            body));
        return Results.NoContent();
    }

    public sealed record Delivery(string WebhookId, string UserId, long Version, string Type, bool HasContent, string Body);
}
