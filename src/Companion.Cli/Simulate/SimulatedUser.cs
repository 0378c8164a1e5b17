using System.Text.Json;

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
                await WriteAsync("journal", "/journal", Journal(), cancellationToken);
                continue;
            }

            await PaceAsync(cancellationToken);
            var session = await WriteAsync("start-session", $"/companions/{companionId}/sessions", new { requestId = Key("s") }, cancellationToken);
            if (session?.GetProperty("sessionId").GetString() is not { } sessionId)
            {
                continue;
            }

            // A conversation has a few exchanges; it ends early when time is up, but always ends.
            var exchanges = random.Next(2, 6);
            for (var i = 0; i < exchanges && time.GetUtcNow() < deadline; i++)
            {
                await ExchangeAsync(sessionId, cancellationToken);
            }

            SawVersion(await client.SendAsync("end-session", HttpMethod.Post, $"/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/end", null, cancellationToken));
        }
    }

    private async Task ExchangeAsync(string sessionId, CancellationToken cancellationToken)
    {
        var messages = $"/companions/{companionId}/sessions/{sessionId}/messages";
        await PaceAsync(cancellationToken);
        await WriteAsync("user-message", messages, new { role = "user", text = Pick(seeds.Lines.User), messageId = Key("m") }, cancellationToken);
        if (random.NextDouble() < 0.3)
        {
            await PaceAsync(cancellationToken);
            await client.SendAsync("context", HttpMethod.Get, $"/v1/users/{userId}/companions/{companionId}/context", null, cancellationToken);
        }

        await PaceAsync(cancellationToken);
        await WriteAsync("companion-message", messages,
            new { role = "companion", text = Pick(seeds.Lines.Companion), messageId = Key("m"), modelId = ModelId, runtime = "simulate", runtimeVersion = "1" },
            cancellationToken);
        if (random.NextDouble() < 0.15)
        {
            var memory = Pick(seeds.Lines.Memories);
            await PaceAsync(cancellationToken);
            await WriteAsync("memory", $"/companions/{companionId}/memories",
                new { text = memory.Text, kind = memory.Kind, salience = Math.Round(0.3 + random.NextDouble() * 0.7, 2), pinned = random.NextDouble() < 0.2, requestId = Key("r") },
                cancellationToken);
        }
    }

    private object Journal()
    {
        var prompt = Pick(seeds.Journal.Prompts);
        return new { prompt = prompt.Kind, text = Pick(prompt.Examples), mood = Pick(seeds.Journal.Moods), requestId = Key("j") };
    }

    private async Task<JsonElement?> WriteAsync(string kind, string path, object body, CancellationToken cancellationToken)
    {
        var answer = await client.SendAsync(kind, HttpMethod.Post, $"/v1/users/{userId}{path}", body, cancellationToken);
        SawVersion(answer);
        return answer;
    }

    private void SawVersion(JsonElement? answer)
    {
        if (answer is { } json && json.TryGetProperty("version", out var version))
        {
            stats.SawVersion(userId, version.GetInt64());
        }
    }

    // Spread evenly with jitter so users do not march in step.
    private Task PaceAsync(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromSeconds(60 / ratePerMinute * (0.5 + random.NextDouble())), cancellationToken);

    private string Key(string prefix) => $"sim-{prefix}{++_keys:D6}";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
