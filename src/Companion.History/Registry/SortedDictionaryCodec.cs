using System.Collections.Immutable;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;

namespace Companion.History;

/// <summary>
/// Reads an <see cref="ImmutableSortedDictionary{TKey, TValue}"/> of a binary snapshot from the
/// same bytes as Orleans' own codec (its surrogate: the entries in the dictionary's order, and its
/// comparers), but builds it faster. Orleans' codec hands the entries to
/// <see cref="ImmutableSortedDictionary.CreateRange{TKey, TValue}(IComparer{TKey}, IEqualityComparer{TValue}, IEnumerable{KeyValuePair{TKey, TValue}})"/>,
/// which looks each key up in a mutable sorted tree, inserts it, then copies that tree into the
/// immutable one: for 20,000 memories that was the largest part of reading a state. The entries
/// were written in the dictionary's order, so they are checked to be strictly ascending by its
/// comparer (one comparison each) and appended in that order to a builder; entries in any other
/// order (not written by this codec's writer) are built the general way, with Orleans' semantics.
/// Used only by <see cref="UserStateBinary"/>'s own serializer: grain calls keep Orleans' codec.
/// </summary>
internal sealed class SortedDictionaryCodec<TKey, TValue>(IValueSerializer<ImmutableSortedDictionarySurrogate<TKey, TValue>> surrogateSerializer)
    : GeneralizedReferenceTypeSurrogateCodec<ImmutableSortedDictionary<TKey, TValue>, ImmutableSortedDictionarySurrogate<TKey, TValue>>(surrogateSerializer)
    where TKey : notnull
{
    /// <inheritdoc />
    public override ImmutableSortedDictionary<TKey, TValue> ConvertFromSurrogate(ref ImmutableSortedDictionarySurrogate<TKey, TValue> surrogate) =>
        FromEntries(
            surrogate.Values ?? throw new FormatException("A sorted dictionary of the snapshot has no entries."),
            surrogate.KeyComparer ?? Comparer<TKey>.Default,
            surrogate.ValueComparer ?? EqualityComparer<TValue>.Default);

    /// <summary>
    /// The dictionary of <paramref name="entries"/>: appended in their order when they ascend
    /// strictly by <paramref name="keyComparer"/>, else built as Orleans' codec builds it (a key
    /// repeated with an equal value is kept once; with another value it is refused).
    /// </summary>
    internal static ImmutableSortedDictionary<TKey, TValue> FromEntries(
        List<KeyValuePair<TKey, TValue>> entries, IComparer<TKey> keyComparer, IEqualityComparer<TValue> valueComparer)
    {
        if (!StrictlyAscending(entries, keyComparer))
        {
            return ImmutableSortedDictionary.CreateRange(keyComparer, valueComparer, entries);
        }

        var builder = ImmutableSortedDictionary.CreateBuilder(keyComparer, valueComparer);
        foreach (var (key, value) in entries)
        {
            builder.Add(key, value);
        }

        return builder.ToImmutable();
    }

    /// <inheritdoc />
    public override void ConvertToSurrogate(ImmutableSortedDictionary<TKey, TValue> value, ref ImmutableSortedDictionarySurrogate<TKey, TValue> surrogate)
    {
        // As Orleans' codec writes it, so either codec reads what the other wrote.
        surrogate.Values = [.. value];
        surrogate.KeyComparer = value.KeyComparer != Comparer<TKey>.Default ? value.KeyComparer : null;
        surrogate.ValueComparer = value.ValueComparer != EqualityComparer<TValue>.Default ? value.ValueComparer : null;
    }

    private static bool StrictlyAscending(List<KeyValuePair<TKey, TValue>> entries, IComparer<TKey> comparer)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (comparer.Compare(entries[i - 1].Key, entries[i].Key) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
