using System.Collections.Immutable;
using Companion.Domain.State;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>
/// The snapshot reader's sorted dictionaries: entries stored in their order are appended as they
/// come; entries in any other order are built as Orleans' own codec builds them.
/// </summary>
public sealed class SortedDictionaryCodecTests
{
    private static readonly IEqualityComparer<string> Values = EqualityComparer<string>.Default;

    [Fact]
    public void The_snapshot_form_reads_the_states_dictionaries_with_this_codec()
    {
        Assert.IsType<SortedDictionaryCodec<string, MemoryState>>(UserStateBinary.CodecOf<ImmutableSortedDictionary<string, MemoryState>>());
        Assert.IsType<SortedDictionaryCodec<string, CompanionState>>(UserStateBinary.CodecOf<ImmutableSortedDictionary<string, CompanionState>>());
    }

    [Fact]
    public void Entries_in_the_comparers_order_build_a_dictionary_ordered_by_that_comparer()
    {
        // "m_100" before "m_50": the state's order, not the digits' numeric order.
        var entries = Entries(("m_100", "later"), ("m_50", "first"), ("m_75", "second"));

        var built = SortedDictionaryCodec<string, string>.FromEntries(entries, StateKeyComparer.Instance, Values);

        Assert.Same(StateKeyComparer.Instance, built.KeyComparer);
        Assert.Equal(entries, built);
        Assert.Equal("second", built["m_75"]);
    }

    [Fact]
    public void Entries_out_of_order_are_sorted_as_the_general_build_sorts_them()
    {
        var entries = Entries(("m_75", "second"), ("m_100", "later"), ("m_50", "first"), ("c_1", "companion"));

        var built = SortedDictionaryCodec<string, string>.FromEntries(entries, StateKeyComparer.Instance, Values);

        Assert.Equal(["c_1", "m_100", "m_50", "m_75"], built.Keys);
        Assert.Equal(ImmutableSortedDictionary.CreateRange(StateKeyComparer.Instance, entries), built);
    }

    [Fact]
    public void A_key_stored_twice_is_kept_once_with_an_equal_value_and_refused_with_another()
    {
        var repeated = SortedDictionaryCodec<string, string>.FromEntries(Entries(("m_1", "same"), ("m_1", "same"), ("m_2", "other")), StateKeyComparer.Instance, Values);

        Assert.Equal(["m_1", "m_2"], repeated.Keys);
        Assert.Throws<ArgumentException>(() =>
            SortedDictionaryCodec<string, string>.FromEntries(Entries(("m_1", "one"), ("m_1", "two")), StateKeyComparer.Instance, Values));
    }

    [Fact]
    public void No_entries_build_the_empty_dictionary_with_the_comparer()
    {
        var built = SortedDictionaryCodec<string, string>.FromEntries([], StateKeyComparer.Instance, Values);

        Assert.Empty(built);
        Assert.Same(StateKeyComparer.Instance, built.KeyComparer);
    }

    private static List<KeyValuePair<string, string>> Entries(params (string Key, string Value)[] entries) =>
        [.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))];
}
