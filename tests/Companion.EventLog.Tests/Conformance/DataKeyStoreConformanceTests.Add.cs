using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Conformance;

public abstract partial class DataKeyStoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Get_of_an_unknown_stream_returns_null()
    {
        Assert.Null(await Store.GetAsync("u_nobody"));
    }

    [Fact]
    public async Task Add_then_get_returns_the_same_master_key_id_and_bytes()
    {
        var key = NewKey();

        var added = await Store.AddAsync("u_abc123", key);

        Assert.Equal("u_abc123", added.Stream);
        Assert.False(added.IsErased);
        AssertSameKey(key, added.Key);
        await AssertStoredAsync("u_abc123", key);
    }

    [Fact]
    public async Task Add_keeps_a_copy_of_the_bytes_so_the_caller_may_reuse_its_buffer()
    {
        var buffer = NewKey().Wrapped.ToArray();
        var original = buffer.ToArray();

        await Store.AddAsync("u_abc123", new WrappedDataKey("0123456789abcdef", buffer));
        Array.Clear(buffer);

        await AssertStoredAsync("u_abc123", new WrappedDataKey("0123456789abcdef", original));
    }

    [Fact]
    public async Task A_second_add_with_another_key_returns_the_first_and_changes_nothing()
    {
        var first = NewKey();
        var second = NewKey("fedcba9876543210");
        await Store.AddAsync("u_abc123", first);

        var answer = await Store.AddAsync("u_abc123", second);

        AssertSameKey(first, answer.Key);
        Assert.False(answer.IsErased);
        await AssertStoredAsync("u_abc123", first);
    }

    [Fact]
    public async Task Concurrent_adds_of_different_keys_all_return_the_one_key_that_won()
    {
        var candidates = Enumerable.Range(0, 20).Select(_ => NewKey()).ToList();

        var answers = await Task.WhenAll(candidates.Select(key => Task.Run(() => Store.AddAsync("u_contended", key))));

        var winner = answers[0].Key;
        Assert.NotNull(winner);
        Assert.Contains(candidates, candidate => candidate.SameAs(winner));
        Assert.All(answers, answer =>
        {
            Assert.False(answer.IsErased);
            AssertSameKey(winner, answer.Key);
        });
        await AssertStoredAsync("u_contended", winner);
        Assert.Single(await ListAllAsync());
    }

    [Fact]
    public async Task Streams_are_independent()
    {
        var one = NewKey();
        var ten = NewKey();
        var other = NewKey();
        await Store.AddAsync("u_1", one);
        await Store.AddAsync("u_10", ten);
        await Store.AddAsync("u_2", other);

        var replacement = NewKey("fedcba9876543210");
        Assert.True(await Store.RewrapAsync("u_10", ten, replacement));
        await Store.DestroyAsync("u_2", FirstErasure);

        await AssertStoredAsync("u_1", one);
        await AssertStoredAsync("u_10", replacement);
        await AssertErasedAsync("u_2", FirstErasure);
        Assert.Null(await Store.GetAsync("u_3"));
    }
}
