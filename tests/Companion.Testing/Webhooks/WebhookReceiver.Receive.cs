using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Companion.Testing.Webhooks;

public sealed partial class WebhookReceiver
{
    /// <summary>Each accepted version per user, in the order they arrived (duplicates included).</summary>
    public Dictionary<string, List<long>> VersionsByUser() =>
        Accepted.GroupBy(d => d.UserId).ToDictionary(g => g.Key, g => g.Select(d => d.Version).ToList());

    /// <summary>Whether every version from 1 to each user's head has been accepted at least once.</summary>
    public bool HasEverything(IReadOnlyDictionary<string, long> heads)
    {
        var got = VersionsByUser();
        return heads.All(h => got.TryGetValue(h.Key, out var versions) && Enumerable.Range(1, (int)h.Value).All(v => versions.Contains(v)));
    }

    /// <summary>Whether the given version of the user's log has been accepted at least once.</summary>
    public bool HasAccepted(string userId, long version) => Accepted.Any(d => d.UserId == userId && d.Version == version);

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (Refusing || Secret is not { } secret)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            new StandardWebhook(secret).Verify(body, request.Headers);
        }
        catch (WebhookVerificationException)
        {
            return Refuse(StatusCodes.Status401Unauthorized);
        }

        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        Accepted.Enqueue(new WebhookDelivery(
            request.Headers["webhook-id"].ToString(),
            data.GetProperty("userId").GetString() ?? "",
            data.GetProperty("version").GetInt64(),
            json.RootElement.GetProperty("type").GetString() ?? "",
            data.TryGetProperty("content", out _),
            body));
        return Results.NoContent();
    }

    private IResult Refuse(int status)
    {
        Interlocked.Increment(ref _refused);
        return Results.StatusCode(status);
    }
}
