using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Grains.Tests;

/// <summary>Persona history and restore through the grain: read from the log whole, past snapshots and reactivation.</summary>
public sealed class UserGrainPersonaTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task The_history_is_read_whole_from_the_log_past_snapshots_and_a_reactivation()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty with { Description = "calm" }, null);
        for (var i = 0; i < ClusterFixture.SnapshotEvery + 5; i++)
        {
            await user.RevisePersona(companion.Id, new PersonaChanges(Personality: $"mood {i}"), $"turn {i}");
        }

        await fixture.DeactivateAllAsync();
        var history = await user.GetPersonaHistory(companion.Id);

        Assert.Equal(ClusterFixture.SnapshotEvery + 6, history.Versions.Length);
        Assert.Equal(companion.Version, history.Created.Version);
        Assert.Equal($"mood {ClusterFixture.SnapshotEvery + 4}", history.Current.Persona.Personality);
        Assert.Equal((await user.GetState()).Version, history.Head);
    }

    [Fact]
    public async Task A_restore_writes_one_revision_once_and_the_state_carries_the_persona_as_it_was()
    {
        var user = await fixture.NewUserAsync();
        var first = Persona.Empty with { Description = "calm", Tags = ImmutableArray.Create("kind") };
        var companion = await user.CreateCompanion("Sol", first, null);
        await user.RevisePersona(companion.Id, new PersonaChanges(Description: "brisk", Tags: ImmutableArray.Create("fast")), "tuning");
        var restore = new PersonaRestore(companion.Version, null, "as it was", "restore-1");

        var restored = await user.RestorePersona(companion.Id, restore);
        var again = await user.RestorePersona(companion.Id, restore);
        await fixture.DeactivateAllAsync();
        var state = await user.GetState();

        Assert.False(restored.Duplicate);
        Assert.Equal((restored.Version, true), (again.Version, again.Duplicate));
        Assert.Equal(restored.Version, state.Version);
        Assert.Equal(first, state.Companions[companion.Id].Persona);
        var changes = await user.GetCompanionChanges(companion.Id);
        Assert.Equal(["persona-restored", "persona-revised", "created"], changes.Select(c => c.Kind));
        Assert.Equal(["description", "tags"], changes[0].Fields.AsEnumerable());
    }

    [Fact]
    public async Task Reading_the_history_of_a_companion_the_user_does_not_have_is_not_found()
    {
        var user = await fixture.NewUserAsync();

        var missing = await Assert.ThrowsAsync<DomainException>(() => user.GetPersonaHistory("c_nope"));

        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);
    }
}
