namespace Companion.EventLog.Tests.Conformance;

public abstract partial class EventLogConformanceTests<TFixture>
{
    [Fact]
    public async Task Catalog_of_an_empty_log_is_empty()
    {
        Assert.Empty(await ListAllAsync());
    }

    [Fact]
    public async Task Catalog_lists_streams_in_ordinal_order_with_their_heads()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var heads = new Dictionary<string, string>();
        foreach (var stream in new[] { "c", "a", "B", "b", "a-1" })
        {
            heads[stream] = (await AppendAtHeadAsync(stream, 1, 2))[^1].Hash;
        }

        var catalog = await ListAllAsync();

        Assert.Equal(["B", "a", "a-1", "b", "c"], catalog.Select(s => s.Stream));
        Assert.All(catalog, info =>
        {
            Assert.Equal(2, info.Version);
            Assert.Equal(heads[info.Stream], info.HeadHash);
            Assert.InRange(info.UpdatedAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        });
    }

    [Fact]
    public async Task Catalog_pages_with_after_and_limit()
    {
        foreach (var stream in new[] { "e", "c", "a", "d", "b" })
        {
            await AppendAtHeadAsync(stream, 1);
        }

        Assert.Equal(["a", "b"], (await ListAllAsync(limit: 2)).Select(s => s.Stream));
        Assert.Equal(["c", "d"], (await ListAllAsync(after: "b", limit: 2)).Select(s => s.Stream));
        Assert.Equal(["e"], (await ListAllAsync(after: "d", limit: 2)).Select(s => s.Stream));
        Assert.Equal(["c", "d", "e"], (await ListAllAsync(after: "bb")).Select(s => s.Stream));
        Assert.Empty(await ListAllAsync(after: "e"));
    }

    [Fact]
    public async Task Catalog_shows_the_latest_head_of_a_stream_after_more_appends()
    {
        await AppendAtHeadAsync("user-1", 1);
        var later = await AppendAtHeadAsync("user-1", 2, 3);

        var info = Assert.Single(await ListAllAsync());

        Assert.Equal(3, info.Version);
        Assert.Equal(later[^1].Hash, info.HeadHash);
    }
}
