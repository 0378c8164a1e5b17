using System.Collections.Immutable;
using Companion.Silo.Hosting;

namespace Companion.Silo.Webhooks;

/// <summary>Keeps the subscriptions and dead letters in grain storage, written before each answer.</summary>
public sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", OrleansStateHosting.GrainStorage)] IPersistentState<WebhookRegistryState> state) : Grain, IWebhookRegistryGrain
{
    /// <summary>Dead letters kept at most; the oldest leave first (their events stay in the log, so a replay can still send them).</summary>
    public const int MaxDeadLetters = 10_000;

    public async Task<WebhookSubscription> Add(WebhookSubscription subscription)
    {
        state.State.Subscriptions.Add(subscription);
        await state.WriteStateAsync();
        return subscription;
    }

    public Task<ImmutableArray<WebhookSubscription>> List() => Task.FromResult(state.State.Subscriptions.ToImmutableArray());

    public async Task<WebhookSubscription?> SetEnabled(string webhookId, bool enabled)
    {
        var index = state.State.Subscriptions.FindIndex(s => s.WebhookId == webhookId);
        if (index < 0)
        {
            return null;
        }

        var changed = state.State.Subscriptions[index] with { Enabled = enabled };
        state.State.Subscriptions[index] = changed;
        await state.WriteStateAsync();
        return changed;
    }

    public async Task<bool> Remove(string webhookId)
    {
        if (state.State.Subscriptions.RemoveAll(s => s.WebhookId == webhookId) == 0)
        {
            return false;
        }

        state.State.DeadLetters.RemoveAll(d => d.WebhookId == webhookId);
        await state.WriteStateAsync();
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
}
