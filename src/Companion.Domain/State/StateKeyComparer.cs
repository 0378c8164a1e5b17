using System.Buffers;
using System.Globalization;

namespace Companion.Domain.State;

/// <summary>
/// The order of the keys of the state's sorted dictionaries (companions, sessions, memories,
/// client keys), and so the order they are written in the state's JSON and hashed in.
/// It is the invariant culture's order, which the state used before it had a comparer of its own
/// (the process's culture then, which is the invariant one wherever a state hash was recorded), but
/// it no longer depends on the process: a silo in another culture orders and hashes the same.
/// Keys made only of lowercase ASCII letters, digits and '_' (every id this system makes) are
/// compared by rank without a culture call, in the same order: '_' first, then digits, then
/// letters, a prefix before what extends it. Loading a snapshot builds its dictionaries with this
/// comparer, and a culture comparison per step was most of that cost.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.state-key-comparer")]
public sealed class StateKeyComparer : IComparer<string>
{
    private static readonly SearchValues<char> Plain = SearchValues.Create("_0123456789abcdefghijklmnopqrstuvwxyz");

    /// <summary>The one instance the state uses (an instance read from the wire behaves the same).</summary>
    public static StateKeyComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        if (!IsPlain(x) || !IsPlain(y))
        {
            return CultureInfo.InvariantCulture.CompareInfo.Compare(x, y, CompareOptions.None);
        }

        var common = x.AsSpan().CommonPrefixLength(y);
        return common == Math.Min(x.Length, y.Length)
            ? x.Length.CompareTo(y.Length)
            : Rank(x[common]) < Rank(y[common]) ? -1 : 1;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StateKeyComparer;

    /// <inheritdoc />
    public override int GetHashCode() => typeof(StateKeyComparer).GetHashCode();

    private static bool IsPlain(string key) => !key.AsSpan().ContainsAnyExcept(Plain);

    private static int Rank(char c) => c switch
    {
        '_' => 0,
        <= '9' => 1 + (c - '0'),
        _ => 11 + (c - 'a'),
    };
}
