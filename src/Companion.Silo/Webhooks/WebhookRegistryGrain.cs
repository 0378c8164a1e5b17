using System.Collections.Immutable;
using Companion.EventLog.Encryption;
using Companion.Silo.Hosting;

namespace Companion.Silo.Webhooks;

/// <summary>
/// Keeps the subscriptions and dead letters in grain storage, written before each answer; the
/// secrets there are wrapped under the master key (<see cref="ProtectedWebhook"/>) and unwrapped
/// only in this activation's memory.
/// </summary>
public sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", OrleansStateHosting.GrainStorage)] IPersistentState<WebhookRegistryState> state,
    StreamKeys keys) : Grain, IWebhookRegistryGrain
{
    private List<WebhookSubscription> _subscriptions = [];
    /// <summary>Dead letters kept at most; the oldest leave first (their events stay in the log, so a replay can still send them).</summary>
    public const int MaxDeadLetters = 10_000;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var legacy = state.State.Subscriptions;
        _subscriptions = [.. state.State.Webhooks.Select(w => w.Unprotect(keys.Ring)), .. legacy];
        if (legacy.Count > 0)
        {
            // Stored in the clear by an older silo: wrap them now, and keep no plain copy.
            await SaveAsync();
        }
    }

    public async Task<WebhookSubscription> Add(WebhookSubscription subscription)
    {
        _subscriptions.Add(subscription);
        await SaveAsync();
        return subscription;
    }

    public Task<ImmutableArray<WebhookSubscription>> List() => Task.FromResult(_subscriptions.ToImmutableArray());

    public async Task<WebhookSubscription?> SetEnabled(string webhookId, bool enabled)
    {
        var index = _subscriptions.FindIndex(s => s.WebhookId == webhookId);
        if (index < 0)
        {
            return null;
        }

        var changed = _subscriptions[index] with { Enabled = enabled };
        _subscriptions[index] = changed;
        await SaveAsync();
        return changed;
    }

    public async Task<bool> Remove(string webhookId)
    {
        if (_subscriptions.RemoveAll(s => s.WebhookId == webhookId) == 0)
        {
            return false;
        }

        state.State.DeadLetters.RemoveAll(d => d.WebhookId == webhookId);
        await SaveAsync();
        return true;
    }

    public async Task Park(WebhookDeadLetter deadLetter)
    {
        var letters = state.State.DeadLetters;
        letters.RemoveAll(d => d.WebhookId == deadLetter.WebhookId && d.UserId == deadLetter.UserId);
        letters.Add(deadLetter);
        if (letters.Count > MaxDeadLetters)
        {
            letters.RemoveRange(0, letters.Count - MaxDeadLetters);
        }

        await state.WriteStateAsync();
    }

    public async Task Unpark(string webhookId, string userId)
    {
        if (state.State.DeadLetters.RemoveAll(d => d.WebhookId == webhookId && d.UserId == userId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<WebhookDeadLetter>> DeadLetters() => Task.FromResult(state.State.DeadLetters.ToImmutableArray());

    private async Task SaveAsync()
    {
        state.State.Webhooks = _subscriptions.Select(s => ProtectedWebhook.Protect(s, keys.Ring)).ToList();
        state.State.Subscriptions = [];
        await state.WriteStateAsync();
    }
}
