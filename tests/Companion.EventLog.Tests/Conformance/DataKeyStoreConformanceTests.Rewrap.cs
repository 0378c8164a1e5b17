namespace Companion.EventLog.Tests.Conformance;

public abstract partial class DataKeyStoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Rewrap_with_the_stored_key_as_expected_replaces_it()
    {
        var original = NewKey();
        var replacement = NewKey("fedcba9876543210");
        await Store.AddAsync("u_abc123", original);

        Assert.True(await Store.RewrapAsync("u_abc123", original, replacement));

        await AssertStoredAsync("u_abc123", replacement);
        AssertSameKey(replacement, Assert.Single(await ListAllAsync()).Key);
    }

    [Fact]
    public async Task Rewrap_with_a_stale_expected_key_returns_false_and_leaves_the_stored_key()
    {
        var original = NewKey();
        var first = NewKey("fedcba9876543210");
        await Store.AddAsync("u_abc123", original);
        Assert.True(await Store.RewrapAsync("u_abc123", original, first));

        Assert.False(await Store.RewrapAsync("u_abc123", original, NewKey("1111111111111111")));
        Assert.False(await Store.RewrapAsync("u_abc123", NewKey("fedcba9876543210"), NewKey("2222222222222222")));

        await AssertStoredAsync("u_abc123", first);
    }

    [Fact]
    public async Task Rewrap_expecting_the_same_bytes_under_another_master_key_id_returns_false()
    {
        var original = NewKey();
        await Store.AddAsync("u_abc123", original);

        Assert.False(await Store.RewrapAsync("u_abc123", original with { MasterKeyId = "fedcba9876543210" }, NewKey("1111111111111111")));

        await AssertStoredAsync("u_abc123", original);
    }

    [Fact]
    public async Task Rewrap_of_an_unknown_stream_returns_false_and_stores_nothing()
    {
        Assert.False(await Store.RewrapAsync("u_nobody", NewKey(), NewKey()));

        Assert.Null(await Store.GetAsync("u_nobody"));
        Assert.Empty(await ListAllAsync());
    }

    [Fact]
    public async Task Rewrap_of_an_erased_stream_returns_false_and_it_stays_erased()
    {
        var original = NewKey();
        await Store.AddAsync("u_abc123", original);
        await Store.DestroyAsync("u_abc123", FirstErasure);

        Assert.False(await Store.RewrapAsync("u_abc123", original, NewKey()));

        await AssertErasedAsync("u_abc123", FirstErasure);
    }
}
