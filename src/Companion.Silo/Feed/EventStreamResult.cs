using System.Globalization;
using System.Text;
using System.Text.Json;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Grains;
using Companion.History;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Feed;

/// <summary>
/// Writes the stream: the log from the version after <c>after</c>, page by page, then whatever the
/// user grain announces next (<see cref="IUserGrain.WaitForVersion"/>, so it works whichever silo
/// hosts the user), a comment as heartbeat while nothing happens. It ends when the client goes,
/// when the user is erased, or when the history cannot be read.
/// </summary>
public sealed class EventStreamResult(string userId, long after, IDisposable slot) : IResult
{
    private const int PageSize = 256;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var held = slot;
        var services = httpContext.RequestServices;
        var pages = services.GetRequiredService<LogPages>();
        var grain = services.GetRequiredService<IGrainFactory>().GetUserGrain(userId);
        var heartbeat = services.GetRequiredService<IOptions<EventStreamOptions>>().Value.HeartbeatInterval;
        var logger = services.GetRequiredService<ILogger<EventStreamResult>>();
        var aborted = httpContext.RequestAborted;
        var response = httpContext.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var body = response.Body;
        var delivered = after;
        try
        {
            await WriteAsync(body, string.Create(CultureInfo.InvariantCulture, $": events of {userId} after version {delivered}\nretry: 2000\n\n"), aborted);
            while (!aborted.IsCancellationRequested)
            {
                var head = await grain.WaitForVersion(delivered, heartbeat);
                if (head <= delivered)
                {
                    await WriteAsync(body, ": heartbeat\n\n", aborted);
                    continue;
                }

                while (delivered < head && await pages.ReadAsync(userId, delivered + 1, PageSize, cancellationToken: aborted) is { Entries.Count: > 0 } page)
                {
                    foreach (var entry in page.Entries)
                    {
                        await body.WriteAsync(Event(entry), aborted);
                        delivered = entry.Stored.Version;
                    }

                    await body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: nothing more to send.
        }
        catch (Exception e) when (e is StreamErasedException or StreamDamagedException or Companion.Domain.Commands.DomainException)
        {
            // Headers are sent: the stream can only end. A reconnect gets the problem as an answer.
            logger.LogInformation("The live stream of user {UserId} ended at version {Version}: {Reason}", userId, delivered, e.GetType().Name);
        }
    }

    private static byte[] Event(LogEntry entry)
    {
        var stored = entry.Stored;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", stored.Type);
            writer.WriteNumber("version", stored.Version);
            writer.WriteNumber("schemaVersion", stored.SchemaVersion);
            writer.WriteString("occurredAt", stored.OccurredAt);
            writer.WritePropertyName("payload");

            // Rewritten compact, so the data is one line whatever the stored whitespace.
            using var payload = JsonDocument.Parse(entry.Decrypted ?? stored.Payload);
            payload.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        var data = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {stored.Version}\nevent: {stored.Type}\ndata: {data}\n\n"));
    }

    private static async Task WriteAsync(Stream body, string text, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
