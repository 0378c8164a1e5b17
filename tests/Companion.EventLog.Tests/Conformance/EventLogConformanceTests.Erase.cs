namespace Companion.EventLog.Tests.Conformance;

public abstract partial class EventLogConformanceTests<TFixture>
{
    [Fact]
    public async Task Erasing_a_stream_removes_its_events_snapshots_head_and_catalog_entry_and_leaves_others_alone()
    {
        await AppendAtHeadAsync("erase-me", 1, 2, 3);
        await Log.SaveSnapshotAsync(Snapshot("erase-me", 3));
        var kept = await AppendAtHeadAsync("keep-me", 1, 2);

        await Log.EraseStreamAsync("erase-me");

        Assert.Empty(await ReadAllAsync("erase-me"));
        Assert.Equal(StreamHead.Empty, await Log.GetHeadAsync("erase-me"));
        Assert.Null(await Log.LoadNewestSnapshotAsync("erase-me"));
        Assert.Equal(["keep-me"], (await ListAllAsync()).Select(s => s.Stream));
        AssertSameEnvelopes(kept, await ReadAllAsync("keep-me"));
    }

    [Fact]
    public async Task Erasing_an_unknown_stream_does_nothing_and_an_erased_stream_can_start_again_at_version_one()
    {
        await Log.EraseStreamAsync("never-written");
        await AppendAtHeadAsync("again", 1, 2);
        await Log.EraseStreamAsync("again");

        var restarted = await AppendAtHeadAsync("again", 7);

        Assert.Equal(1, restarted[0].Version);
        AssertSameEnvelopes(restarted, await ReadAllAsync("again"));
    }
}
