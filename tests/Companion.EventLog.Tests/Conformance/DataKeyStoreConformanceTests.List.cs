using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Conformance;

public abstract partial class DataKeyStoreConformanceTests<TFixture>
{
    [Fact]
    public async Task List_of_an_empty_store_is_empty()
    {
        Assert.Empty(await ListAllAsync());
    }

    [Fact]
    public async Task List_returns_every_entry_in_ordinal_order_of_the_stream_names_erased_ones_included()
    {
        // '-' sorts below '.', '_' and the letters, and "u_a" is a prefix of three others: a store
        // that sorts its own names (with a suffix, or culture-aware) gets these wrong.
        string[] streams = ["u_b", "u_a_b", "u_a", "U_z", "u_aa", "u_a-b", "u_0", "u-9", "a"];
        var keys = new Dictionary<string, WrappedDataKey>();
        foreach (var stream in streams)
        {
            keys[stream] = NewKey();
            await Store.AddAsync(stream, keys[stream]);
        }

        await Store.DestroyAsync("u_a", FirstErasure);
        await Store.DestroyAsync("u_gone", LaterErasure);

        var entries = await ListAllAsync();

        Assert.Equal(["U_z", "a", "u-9", "u_0", "u_a", "u_a-b", "u_a_b", "u_aa", "u_b", "u_gone"], entries.Select(e => e.Stream));
        Assert.Equal(entries.Select(e => e.Stream).Order(StringComparer.Ordinal), entries.Select(e => e.Stream));
        foreach (var entry in entries)
        {
            switch (entry.Stream)
            {
                case "u_a":
                    Assert.Equal(FirstErasure, entry.ErasedAt);
                    Assert.Null(entry.Key);
                    break;
                case "u_gone":
                    Assert.Equal(LaterErasure, entry.ErasedAt);
                    Assert.Null(entry.Key);
                    break;
                default:
                    Assert.False(entry.IsErased);
                    AssertSameKey(keys[entry.Stream], entry.Key);
                    break;
            }
        }
    }

    [Fact]
    public async Task List_of_more_entries_than_a_page_returns_each_once_in_ordinal_order()
    {
        var streams = Enumerable.Range(0, 530).Select(i => $"u_{(i * 7919) % 530:x}").ToList();
        foreach (var batch in streams.Chunk(50))
        {
            await Task.WhenAll(batch.Select(stream => Store.AddAsync(stream, NewKey())));
        }

        var listed = (await ListAllAsync()).Select(e => e.Stream).ToList();

        Assert.Equal(streams.Order(StringComparer.Ordinal), listed);
    }
}
