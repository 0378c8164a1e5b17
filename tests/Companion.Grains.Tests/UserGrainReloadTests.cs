using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;

namespace Companion.Grains.Tests;

public sealed class UserGrainReloadTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Reload_shows_events_written_to_the_stream_behind_an_active_grains_back()
    {
        var userId = Ids.New("u");
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await Assert.ThrowsAsync<DomainException>(() => user.GetState());
        var registry = EventTypeRegistry.ForUserEvents();
        var envelopes = EnvelopeChain.Seal(userId, StreamHead.Empty,
            [registry.ToData(new UserRegistered(userId, "Robin", DateTimeOffset.UtcNow))]);
        await fixture.Log.AppendAsync(userId, 0, envelopes);

        var stats = await user.Reload();
        var state = await user.GetState();

        Assert.Equal(1, stats.Version);
        Assert.Equal(envelopes[0].Hash, stats.HeadHash);
        Assert.Equal("Robin", state.DisplayName);
    }
}
