using Companion.Domain.Commands;

namespace Companion.Grains.Tests;

/// <summary>
/// Calls marked to interleave run beside others on the same activation: they must neither change
/// the grain's fields nor lean on ones another call may change (its key, above all).
/// </summary>
public sealed class UserGrainInterleavingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task An_erasure_during_a_time_travel_read_leaves_the_read_its_own_key_and_the_user_gone_afterwards()
    {
        var user = await fixture.NewUserAsync();
        var userId = user.GetPrimaryKeyString();
        var companionId = (await user.CreateCompanion("Sol", Domain.Events.Persona.Empty, null)).Id;
        await user.StartSession(companionId, null);
        var hold = fixture.Storage.HoldNextRead(userId);

        var past = user.GetStateAt(2);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await user.Erase();
        hold.Release();
        var read = await Record.ExceptionAsync(() => past);
        var after = await Assert.ThrowsAsync<DomainException>(() => user.GetStateAt(2));

        Assert.True(read is null or DomainException { Kind: DomainErrorKind.Gone }, $"The read met {read}");
        Assert.Equal(DomainErrorKind.Gone, after.Kind);
    }
}
