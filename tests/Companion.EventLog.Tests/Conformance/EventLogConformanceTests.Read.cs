namespace Companion.EventLog.Tests.Conformance;

public abstract partial class EventLogConformanceTests<TFixture>
{
    [Fact]
    public async Task Read_from_a_middle_version_returns_the_rest_in_order()
    {
        var envelopes = await AppendAtHeadAsync("user-1", 1, 2, 3, 4, 5);

        AssertSameEnvelopes(envelopes.Skip(2), await ReadAllAsync("user-1", fromVersion: 3));
        AssertSameEnvelopes(envelopes.Skip(4), await ReadAllAsync("user-1", fromVersion: 5));
    }

    [Fact]
    public async Task Read_past_the_head_or_of_an_unknown_stream_returns_nothing()
    {
        await AppendAtHeadAsync("user-1", 1, 2);

        Assert.Empty(await ReadAllAsync("user-1", fromVersion: 3));
        Assert.Empty(await ReadAllAsync("nobody"));
    }

    [Fact]
    public async Task Read_returns_only_the_requested_stream()
    {
        var mine = await AppendAtHeadAsync("user-1", 1, 2);
        await AppendAtHeadAsync("user-10", 3);
        await AppendAtHeadAsync("user-0", 4);

        AssertSameEnvelopes(mine, await ReadAllAsync("user-1"));
    }

    [Fact]
    public async Task Head_of_an_empty_stream_is_version_zero_and_the_genesis_hash()
    {
        var head = await Log.GetHeadAsync("nobody");

        Assert.Equal(StreamHead.Empty, head);
        Assert.Equal(0, head.Version);
        Assert.Equal(EnvelopeChain.GenesisHash, head.Hash);
    }

    [Fact]
    public async Task Head_of_a_stream_is_its_last_version_and_hash()
    {
        var envelopes = await AppendAtHeadAsync("user-1", 1, 2, 3);

        Assert.Equal(new StreamHead(3, envelopes[^1].Hash), await Log.GetHeadAsync("user-1"));
    }

    [Fact]
    public async Task Ping_succeeds_on_a_working_log()
    {
        await Log.PingAsync();
    }
}
