using Companion.EventLog;
using Companion.Grains;
using Companion.History;
using Companion.Silo.Hosting;

namespace Companion.Silo.Webhooks;

/// <summary>
/// Delivers one user's log to every enabled webhook, in version order, at least once. The log is
/// the outbox; this grain keeps a cursor per webhook in grain storage, written after each page
/// and each failure, so a silo that dies re-sends at most the page it was on, with the same
/// <c>webhook-id</c>s. While anything is pending a durable reminder brings the grain back after a
/// crash; it is dropped once a reminder finds everything delivered.
/// Deliveries run in one loop per activation (<see cref="Kick"/>); calls only wake it.
/// </summary>
public sealed partial class WebhookDeliveryGrain(
    [PersistentState("webhook-delivery", OrleansStateHosting.GrainStorage)] IPersistentState<WebhookDeliveryState> state,
    IEventLog log,
    LogPages pages,
    WebhookSender sender,
    WebhookPolicy policy,
    TimeProvider clock,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string ReminderName = "webhook-delivery";

    private Task? _loop;
    private bool _again;
    private bool _caughtUp;
    private bool _reminderOn;
    private IGrainTimer? _wake;

    private string UserId => this.GetPrimaryKeyString();

    private IWebhookRegistryGrain Registry => GrainFactory.GetGrain<IWebhookRegistryGrain>(0);

    public Task Notify(long version)
    {
        _caughtUp = false;
        Kick();
        return Task.CompletedTask;
    }

    public async Task Replay(string webhookId, long fromVersion)
    {
        // The loop mutates the cursors between its awaits: let it finish before changing one.
        if (_loop is { } running)
        {
            await running;
        }

        var cursor = state.State.Cursors.TryGetValue(webhookId, out var known) ? known : state.State.Cursors[webhookId] = new WebhookCursor();
        cursor.Delivered = Math.Max(0, fromVersion - 1);
        cursor.Failures = 0;
        cursor.RetryAt = null;
        cursor.ParkedAt = null;
        cursor.LastError = null;
        await state.WriteStateAsync();
        await Registry.Unpark(webhookId, UserId);
        _caughtUp = false;
        Kick();
    }

    public Task<IReadOnlyList<WebhookCursorView>> GetCursors() =>
        Task.FromResult<IReadOnlyList<WebhookCursorView>>(state.State.Cursors.Select(c => c.Value.View(c.Key)).ToList());

    /// <summary>Runs a pass (or waits for the running one); once everything is delivered the reminder is no longer needed.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Kick();
        if (_loop is { } running)
        {
            await running;
        }

        if (_caughtUp)
        {
            await StopReminderAsync();
        }
    }

    /// <summary>Starts the delivery loop, or asks the running one for another pass.</summary>
    private void Kick()
    {
        _again = true;
        if (_loop is null || _loop.IsCompleted)
        {
            _loop = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        while (_again)
        {
            _again = false;
            try
            {
                await PassAsync();
            }
            catch (Exception e)
            {
                // The log or grain storage did not answer: the reminder (or the next append) tries again.
                LogPassFailed(logger, e, UserId);
                _caughtUp = false;
                WakeIn(policy.Options.FirstRetryDelay);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for user {UserId} stopped a pass; it resumes on the next notice or reminder")]
    private static partial void LogPassFailed(ILogger logger, Exception error, string userId);
}
