using Companion.Grains;

namespace Companion.Silo.Webhooks;

/// <summary>What <see cref="WebhookDeliveryGrain"/> persists for one user: a cursor per webhook, never an event.</summary>
[GenerateSerializer]
public sealed class WebhookDeliveryState
{
    [Id(0)]
    public Dictionary<string, WebhookCursor> Cursors { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Where one webhook's delivery to one user stands.</summary>
[GenerateSerializer]
public sealed class WebhookCursor
{
    /// <summary>The last version delivered (or skipped as not wanted).</summary>
    [Id(0)]
    public long Delivered { get; set; }

    /// <summary>Failed attempts at the version after <see cref="Delivered"/>.</summary>
    [Id(1)]
    public int Failures { get; set; }

    /// <summary>No attempt before this time (the backoff after a failure).</summary>
    [Id(2)]
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>Set when delivery stopped here after too many failures; a replay clears it.</summary>
    [Id(3)]
    public long? ParkedAt { get; set; }

    [Id(4)]
    public string? LastError { get; set; }

    public WebhookCursorView View(string webhookId) => new(webhookId, Delivered, Failures, ParkedAt, LastError);
}
