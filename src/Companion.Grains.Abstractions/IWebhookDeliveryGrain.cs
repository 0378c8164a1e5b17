using Orleans.Concurrency;

namespace Companion.Grains;

/// <summary>
/// Delivers one user's events to the operator's webhooks, in order, at least once, keyed by user
/// id. The user's log is the outbox: the grain keeps only a cursor per subscription (the last
/// version delivered) in grain storage and reads everything else from the log.
/// </summary>
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Says the user's log reached <paramref name="version"/> (durably). Sent after the append,
    /// one way, so delivery never slows the append or fails it.
    /// </summary>
    [OneWay]
    Task Notify(long version);

    /// <summary>
    /// Delivers this user's events to <paramref name="webhookId"/> again from
    /// <paramref name="fromVersion"/>, taking the pair off the dead-letter list.
    /// </summary>
    Task Replay(string webhookId, long fromVersion);

    /// <summary>Each subscription's cursor for this user: for operators and tests, figures only.</summary>
    Task<IReadOnlyList<WebhookCursorView>> GetCursors();
}

/// <summary>Where one subscription's delivery to one user stands.</summary>
/// <param name="WebhookId">The subscription.</param>
/// <param name="Delivered">The last version delivered (0: none yet).</param>
/// <param name="Failures">Failed attempts at the next version since the last success.</param>
/// <param name="ParkedAtVersion">Set when delivery stopped at this version after too many failures (a dead letter).</param>
/// <param name="LastError">Why the last attempt failed, when it did.</param>
[Immutable, GenerateSerializer, Alias("companion.webhook-cursor-view")]
public sealed record WebhookCursorView(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] long Delivered,
    [property: Id(2)] int Failures,
    [property: Id(3)] long? ParkedAtVersion,
    [property: Id(4)] string? LastError);
