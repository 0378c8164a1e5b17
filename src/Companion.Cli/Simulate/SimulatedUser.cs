using Companion.Client;

namespace Companion.Cli.Simulate;

/// <summary>
/// One simulated person: talks with a companion in sessions, now and then keeps a memory, writes
/// a journal entry or reads the companion's context, at about <c>rate</c> requests a minute until
/// the deadline. Every choice comes from its own seeded <see cref="Random"/>.
/// </summary>
internal sealed class SimulatedUser(SimulationClient client, SimulationStats stats, SeedCatalog seeds, Random random, string userId, string companionId, double ratePerMinute)
{
    public const string ModelId = "simulated-model";

    private int _keys;

    public string UserId => userId;

    public async Task RunAsync(DateTimeOffset deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        while (time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            if (random.NextDouble() < 0.3)
            {
                await PaceAsync(cancellationToken);
                var entry = Journal();
                SawVersion((await client.SendAsync("journal", (api, ct) => api.WriteJournalAsync(userId, entry, ct), cancellationToken))?.Version);
                continue;
            }

            await PaceAsync(cancellationToken);
            var requestId = Key("s");
            var session = await client.SendAsync("start-session", (api, ct) => api.StartSessionAsync(userId, companionId, requestId, ct), cancellationToken);
            SawVersion(session?.Version);
            if (session?.SessionId is not { } sessionId)
            {
                continue;
            }

            // A conversation has a few exchanges; it ends early when time is up, but always ends.
            var exchanges = random.Next(2, 6);
            for (var i = 0; i < exchanges && time.GetUtcNow() < deadline; i++)
            {
                await ExchangeAsync(sessionId, cancellationToken);
            }

            SawVersion((await client.SendAsync("end-session", (api, ct) => api.EndSessionAsync(userId, companionId, sessionId, ct), cancellationToken))?.Version);
        }
    }

    private async Task ExchangeAsync(string sessionId, CancellationToken cancellationToken)
    {
        await PaceAsync(cancellationToken);
        await MessageAsync("user-message", sessionId, new NewMessage(MessageRole.User, Pick(seeds.Lines.User), Key("m")), cancellationToken);
        if (random.NextDouble() < 0.3)
        {
            await PaceAsync(cancellationToken);
            await client.SendAsync("context", (api, ct) => api.GetContextAsync(userId, companionId, cancellationToken: ct), cancellationToken);
        }

        await PaceAsync(cancellationToken);
        await MessageAsync("companion-message", sessionId,
            new NewMessage(MessageRole.Companion, Pick(seeds.Lines.Companion), Key("m"), ModelId, Runtime: "simulate", RuntimeVersion: "1"),
            cancellationToken);
        if (random.NextDouble() < 0.15)
        {
            var seed = Pick(seeds.Lines.Memories);
            await PaceAsync(cancellationToken);
            var memory = new NewMemory(seed.Text, seed.Kind, Math.Round(0.3 + random.NextDouble() * 0.7, 2), random.NextDouble() < 0.2, Key("r"));
            SawVersion((await client.SendAsync("memory", (api, ct) => api.RecordMemoryAsync(userId, companionId, memory, ct), cancellationToken))?.Version);
        }
    }

    private async Task MessageAsync(string kind, string sessionId, NewMessage message, CancellationToken cancellationToken) =>
        SawVersion((await client.SendAsync(kind, (api, ct) => api.RecordMessageAsync(userId, companionId, sessionId, message, ct), cancellationToken))?.Version);

    private NewJournalEntry Journal()
    {
        var prompt = Pick(seeds.Journal.Prompts);
        return new NewJournalEntry(Pick(prompt.Examples), prompt.Kind, Pick(seeds.Journal.Moods), Key("j"));
    }

    private void SawVersion(long? version)
    {
        if (version is { } v)
        {
            stats.SawVersion(userId, v);
        }
    }

    // Spread evenly with jitter so users do not march in step.
    private Task PaceAsync(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromSeconds(60 / ratePerMinute * (0.5 + random.NextDouble())), cancellationToken);

    private string Key(string prefix) => $"sim-{prefix}{++_keys:D6}";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
