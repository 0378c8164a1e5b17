namespace Companion.EventLog.Tests.Conformance;

public abstract partial class DataKeyStoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Destroy_leaves_an_erased_entry_without_a_key()
    {
        await Store.AddAsync("u_abc123", NewKey());

        await Store.DestroyAsync("u_abc123", FirstErasure);

        await AssertErasedAsync("u_abc123", FirstErasure);
    }

    [Fact]
    public async Task Add_after_destroy_returns_the_erasure_and_stores_no_key()
    {
        await Store.AddAsync("u_abc123", NewKey());
        await Store.DestroyAsync("u_abc123", FirstErasure);

        var answer = await Store.AddAsync("u_abc123", NewKey());

        Assert.True(answer.IsErased);
        Assert.Null(answer.Key);
        Assert.Equal(FirstErasure, answer.ErasedAt);
        await AssertErasedAsync("u_abc123", FirstErasure);
    }

    [Fact]
    public async Task Destroying_twice_keeps_the_first_erasure_time()
    {
        await Store.AddAsync("u_abc123", NewKey());
        await Store.DestroyAsync("u_abc123", FirstErasure);

        await Store.DestroyAsync("u_abc123", LaterErasure);

        await AssertErasedAsync("u_abc123", FirstErasure);
    }

    [Fact]
    public async Task Destroying_an_unknown_stream_marks_it_erased_so_no_key_is_ever_stored_for_it()
    {
        await Store.DestroyAsync("u_never", FirstErasure);

        await AssertErasedAsync("u_never", FirstErasure);
        var answer = await Store.AddAsync("u_never", NewKey());
        Assert.True(answer.IsErased);
        await AssertErasedAsync("u_never", FirstErasure);
    }

    [Fact]
    public async Task Concurrent_adds_and_a_destroy_leave_the_stream_erased_whichever_came_first()
    {
        var adds = Enumerable.Range(0, 10).Select(_ => Task.Run(() => Store.AddAsync("u_racing", NewKey()))).ToList();
        var destroy = Task.Run(() => Store.DestroyAsync("u_racing", FirstErasure));

        var answers = await Task.WhenAll(adds);
        await destroy;

        var live = answers.Where(a => !a.IsErased).Select(a => a.Key ?? throw new Xunit.Sdk.XunitException("A live entry came without a key.")).ToList();
        Assert.All(live, key => AssertSameKey(live[0], key));
        Assert.All(answers.Where(a => a.IsErased), a => Assert.Equal(FirstErasure, a.ErasedAt));
        await AssertErasedAsync("u_racing", FirstErasure);
        Assert.Null(Assert.Single(await ListAllAsync()).Key);
    }
}
