using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.Silo.Webhooks;

/// <summary>One pass: every enabled webhook brought up to the log's head, or to its next failure.</summary>
public sealed partial class WebhookDeliveryGrain
{
    private async Task PassAsync()
    {
        var subscriptions = await Registry.List();
        var cursors = state.State.Cursors;
        var gone = cursors.Keys.Where(id => !subscriptions.Any(s => s.WebhookId == id)).ToList();
        foreach (var id in gone)
        {
            cursors.Remove(id);
        }

        var enabled = subscriptions.Where(s => s.Enabled).ToList();
        if (enabled.Count == 0)
        {
            await SaveOrClearAsync(gone.Count > 0);
            _caughtUp = true;

            // Most users' logs have no webhook to feed: do not hold an activation for them.
            DeactivateOnIdle();
            return;
        }

        var head = await log.GetHeadAsync(UserId);
        if (head.Version == 0)
        {
            // No log (erased, or never written): nothing to deliver, and nothing of the user to keep.
            cursors.Clear();
            await SaveOrClearAsync(changed: false);
            _caughtUp = true;
            return;
        }

        await EnsureReminderAsync();
        var pending = false;
        TimeSpan? wake = null;
        try
        {
            foreach (var subscription in enabled)
            {
                if (!cursors.TryGetValue(subscription.WebhookId, out var cursor))
                {
                    cursor = cursors[subscription.WebhookId] = new WebhookCursor { Delivered = await LastBeforeAsync(subscription.CreatedAt, head.Version) };
                }

                if (cursor.ParkedAt is not null)
                {
                    continue;
                }

                if (cursor.RetryAt is { } retryAt && retryAt > clock.GetUtcNow())
                {
                    pending = true;
                    wake = Earliest(wake, retryAt - clock.GetUtcNow());
                    continue;
                }

                if (!await DeliverAsync(subscription, cursor, head.Version))
                {
                    pending |= cursor.ParkedAt is null;
                    wake = cursor.RetryAt is { } next ? Earliest(wake, next - clock.GetUtcNow()) : wake;
                }
            }
        }
        catch (StreamErasedException)
        {
            // Erased: nothing of the user is kept, cursors included.
            await state.ClearStateAsync();
            await StopReminderAsync();
            _caughtUp = true;
            return;
        }

        await state.WriteStateAsync();
        if (wake is { } delay)
        {
            WakeIn(delay);
        }

        _caughtUp = !pending;
    }

    /// <summary>Sends what <paramref name="subscription"/> wants from the cursor up to <paramref name="head"/>; false at the first failure.</summary>
    private async Task<bool> DeliverAsync(WebhookSubscription subscription, WebhookCursor cursor, long head)
    {
        while (cursor.Delivered < head)
        {
            var page = await pages.ReadAsync(UserId, cursor.Delivered + 1, policy.Options.PageSize);
            if (page is null || page.Entries.Count == 0)
            {
                return true;
            }

            foreach (var entry in page.Entries)
            {
                if (subscription.Wants(entry.Stored.Type) && await sender.SendAsync(subscription, UserId, entry, CancellationToken.None) is { } error)
                {
                    await FailedAsync(subscription, cursor, entry.Stored.Version, error);
                    return false;
                }

                cursor.Delivered = entry.Stored.Version;
                cursor.Failures = 0;
                cursor.RetryAt = null;
                cursor.LastError = null;
            }

            await state.WriteStateAsync();
        }

        return true;
    }

    private async Task FailedAsync(WebhookSubscription subscription, WebhookCursor cursor, long version, string error)
    {
        cursor.Failures++;
        cursor.LastError = error;
        if (cursor.Failures >= policy.Options.MaxAttempts)
        {
            cursor.ParkedAt = version;
            cursor.RetryAt = null;
            await Registry.Park(new WebhookDeadLetter(subscription.WebhookId, UserId, version, cursor.Failures, error, clock.GetUtcNow()));
            LogParked(logger, subscription.WebhookId, UserId, version, cursor.Failures, error);
        }
        else
        {
            cursor.RetryAt = clock.GetUtcNow() + policy.RetryDelay(cursor.Failures);
        }

        await state.WriteStateAsync();
    }

    /// <summary>A new webhook starts with the events recorded since it was created: the last version before that time.</summary>
    private async Task<long> LastBeforeAsync(DateTimeOffset createdAt, long head)
    {
        long last = 0;
        await foreach (var envelope in log.ReadAsync(UserId, 1))
        {
            if (envelope.OccurredAt >= createdAt || envelope.Version > head)
            {
                break;
            }

            last = envelope.Version;
        }

        return last;
    }

    private async Task SaveOrClearAsync(bool changed)
    {
        if (state.State.Cursors.Count == 0 && state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        else if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    private async Task EnsureReminderAsync()
    {
        if (!_reminderOn)
        {
            var period = policy.Options.ResumePeriod;
            await this.RegisterOrUpdateReminder(ReminderName, period, period);
            _reminderOn = true;
        }
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderOn = false;
    }

    private void WakeIn(TimeSpan delay)
    {
        _wake?.Dispose();
        _wake = this.RegisterGrainTimer(
            () =>
            {
                Kick();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private static TimeSpan Earliest(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} parked for user {UserId} at version {Version} after {Attempts} failed attempts: {Error}")]
    private static partial void LogParked(ILogger logger, string webhookId, string userId, long version, int attempts, string error);
}
