using System.Collections.Immutable;
using Companion.EventLog;
using Companion.Silo.Webhooks;

namespace Companion.Silo.Operators;

/// <summary>A webhook as the companion panel shows it: its registration (never its secret) and how many of its users are parked.</summary>
public sealed record PanelWebhook(
    string WebhookId,
    string Url,
    ImmutableArray<string> EventTypes,
    bool IncludeContent,
    bool Enabled,
    DateTimeOffset CreatedAt,
    int DeadLetters);

/// <summary>
/// A dead letter as the companion panel shows it: the (webhook, user) pair, the version delivery
/// stopped at and that event's type (read from the log's envelope, never its payload; null when
/// the user's log is gone), the attempts, the last error and when it was parked.
/// </summary>
public sealed record PanelDeadLetter(
    string WebhookId,
    string UserId,
    long Version,
    string? EventType,
    int Attempts,
    string LastError,
    DateTimeOffset ParkedAt);

/// <summary>Builds the panel's webhook views from the registry and the log.</summary>
public static class PanelWebhooks
{
    /// <summary>Every webhook with its count of dead letters.</summary>
    public static ImmutableArray<PanelWebhook> Of(ImmutableArray<WebhookSubscription> subscriptions, ImmutableArray<WebhookDeadLetter> deadLetters)
    {
        var parked = deadLetters.CountBy(d => d.WebhookId, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return [.. subscriptions.Select(s => new PanelWebhook(
            s.WebhookId, s.Url, s.EventTypes, s.IncludeContent, s.Enabled, s.CreatedAt, parked.GetValueOrDefault(s.WebhookId)))];
    }

    /// <summary>Each dead letter with the type of the event it stopped at; only the envelope is read.</summary>
    public static async Task<ImmutableArray<PanelDeadLetter>> WithEventTypesAsync(
        ImmutableArray<WebhookDeadLetter> deadLetters, IEventReader log, CancellationToken cancellationToken)
    {
        var shown = ImmutableArray.CreateBuilder<PanelDeadLetter>(deadLetters.Length);
        foreach (var d in deadLetters.OrderByDescending(d => d.ParkedAt))
        {
            shown.Add(new PanelDeadLetter(d.WebhookId, d.UserId, d.Version, await TypeAtAsync(log, d.UserId, d.Version, cancellationToken), d.Attempts, d.LastError, d.ParkedAt));
        }

        return shown.MoveToImmutable();
    }

    private static async Task<string?> TypeAtAsync(IEventReader log, string userId, long version, CancellationToken cancellationToken)
    {
        await foreach (var envelope in log.ReadAsync(userId, version, cancellationToken))
        {
            return envelope.Version == version ? envelope.Type : null;
        }

        return null;
    }
}
