using Companion.Client;

namespace Companion.Cli.Simulate;

/// <summary>What to simulate: how many users, for how long, how busy, from which seeds.</summary>
internal sealed record SimulationPlan(int Users, TimeSpan Duration, double RatePerMinute, int Seed, SeedCatalog Seeds);

/// <summary>Creates the users and their companions through the admin API, then runs every user's traffic until the plan's time is up.</summary>
internal sealed class Simulation(SimulationClient admin, SimulationStats stats, SimulationPlan plan, TimeProvider time)
{
    /// <summary>Why setting up failed (the first refusal), or null when every user ran.</summary>
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var setups = await Task.WhenAll(Enumerable.Range(0, plan.Users).Select(i => SetUpAsync(i, cancellationToken)));
        if (setups.FirstOrDefault(s => s.Failure is not null).Failure is { } failure)
        {
            return failure;
        }

        var deadline = time.GetUtcNow() + plan.Duration;
        await Task.WhenAll(setups.Select(s => s.User!.RunAsync(deadline, time, cancellationToken)));
        return null;
    }

    private async Task<(SimulatedUser? User, string? Failure)> SetUpAsync(int index, CancellationToken cancellationToken)
    {
        // Not HashCode.Combine: its seed is random per process, so --seed would not repeat a run.
        var random = new Random(unchecked((plan.Seed * 7919) + index));
        var demo = plan.Seeds.Users[index % plan.Seeds.Users.Count];
        var round = index / plan.Seeds.Users.Count;
        var displayName = round == 0 ? demo.DisplayName : $"{demo.DisplayName} {round + 1}";
        var created = await admin.SendWithReasonAsync("create-user", (api, ct) => api.CreateUserAsync(displayName, ct), cancellationToken);
        if (created.Answer is not { } user)
        {
            return (null, $"the silo refused to create a user: {created.Failure}");
        }

        stats.SawVersion(user.UserId, user.Version);
        var client = admin.As(user.Token);
        var persona = PersonaFor(demo, random);
        var fields = new PersonaFields(persona.Description, persona.Personality, persona.Scenario, persona.FirstMessage,
            persona.ExampleMessages, persona.SystemPrompt, persona.CreatorNotes, persona.Tags);
        var companion = await client.SendWithReasonAsync("create-companion",
            (api, ct) => api.CreateCompanionAsync(user.UserId, new NewCompanion(persona.Name, fields, RequestId: "sim-companion"), ct), cancellationToken);
        if (companion.Answer is not { } made)
        {
            return (null, $"the silo refused to create a companion: {companion.Failure}");
        }

        stats.SawVersion(user.UserId, made.Version);
        return (new SimulatedUser(client, stats, plan.Seeds, random, user.UserId, made.CompanionId, plan.RatePerMinute), null);
    }

    private SeedPersona PersonaFor(DemoUser demo, Random random)
    {
        var named = plan.Seeds.Personas.Where(p => demo.Personas.Contains(p.Name)).ToArray();
        return named.Length > 0 ? named[random.Next(named.Length)] : plan.Seeds.Personas[random.Next(plan.Seeds.Personas.Count)];
    }
}
