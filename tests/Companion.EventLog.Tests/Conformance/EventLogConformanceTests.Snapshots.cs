using System.Text;

namespace Companion.EventLog.Tests.Conformance;

public abstract partial class EventLogConformanceTests<TFixture>
{
    [Fact]
    public async Task Snapshot_load_returns_the_newest_saved()
    {
        var two = Snapshot("user-1", 2);
        var five = Snapshot("user-1", 5);
        await Log.SaveSnapshotAsync(two);
        await Log.SaveSnapshotAsync(five);

        AssertSameSnapshot(five, await Log.LoadNewestSnapshotAsync("user-1"));
    }

    [Fact]
    public async Task Snapshot_load_at_or_before_a_version_returns_the_newest_not_after_it()
    {
        var two = Snapshot("user-1", 2);
        var five = Snapshot("user-1", 5);
        await Log.SaveSnapshotAsync(two);
        await Log.SaveSnapshotAsync(five);

        AssertSameSnapshot(two, await Log.LoadSnapshotAtOrBeforeAsync("user-1", 4));
        AssertSameSnapshot(five, await Log.LoadSnapshotAtOrBeforeAsync("user-1", 5));
        AssertSameSnapshot(five, await Log.LoadSnapshotAtOrBeforeAsync("user-1", 50));
        Assert.Null(await Log.LoadSnapshotAtOrBeforeAsync("user-1", 1));
    }

    [Fact]
    public async Task Saving_a_snapshot_not_newer_than_the_newest_is_ignored()
    {
        var five = Snapshot("user-1", 5);
        await Log.SaveSnapshotAsync(five);

        await Log.SaveSnapshotAsync(Snapshot("user-1", 3));
        await Log.SaveSnapshotAsync(Snapshot("user-1", 5) with { State = Encoding.UTF8.GetBytes("""{"replaced":true}""") });

        AssertSameSnapshot(five, await Log.LoadNewestSnapshotAsync("user-1"));
        Assert.Null(await Log.LoadSnapshotAtOrBeforeAsync("user-1", 4));
    }

    [Fact]
    public async Task Snapshots_belong_to_their_own_stream()
    {
        var mine = Snapshot("user-1", 2);
        await Log.SaveSnapshotAsync(mine);
        await Log.SaveSnapshotAsync(Snapshot("user-10", 7));

        AssertSameSnapshot(mine, await Log.LoadNewestSnapshotAsync("user-1"));
        Assert.Null(await Log.LoadNewestSnapshotAsync("user-2"));
    }

    private static Snapshot Snapshot(string stream, long version) => new(
        stream,
        version,
        Convert.ToHexStringLower(BitConverter.GetBytes(version)).PadLeft(64, '0'),
        StateSchema: 2,
        Encoding.UTF8.GetBytes($$"""{"version":{{version}},"name":"Zoë"}"""),
        new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(-5)).AddTicks(version));

    private static void AssertSameSnapshot(Snapshot expected, Snapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { State = default }, actual with { State = default });
        Assert.Equal(expected.State.ToArray(), actual.State.ToArray());
    }
}
