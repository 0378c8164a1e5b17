namespace Companion.Recall;

/// <summary>
/// The documents holding one keyword term, as two parallel arrays (slot, how often) sorted by
/// slot: 8 bytes a posting, and a scan without a hash lookup. Slots arrive in ascending order as
/// the log is folded, so adding appends; a removal shifts the tail (rare: forgetting a memory).
/// </summary>
internal sealed class Postings
{
    private int[] _slots = new int[1];
    private int[] _frequencies = new int[1];

    /// <summary>Documents holding the term.</summary>
    public int Count { get; private set; }

    /// <summary>Their slots, ascending.</summary>
    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, Count);

    /// <summary>How often each holds the term, in the order of <see cref="Slots"/>.</summary>
    public ReadOnlySpan<int> Frequencies => _frequencies.AsSpan(0, Count);

    /// <summary>Roughly the bytes held.</summary>
    public long Bytes => 48L + (8L * _slots.Length);

    /// <summary>Counts one more occurrence of the term in <paramref name="slot"/>.</summary>
    public void Add(int slot)
    {
        if (Count > 0 && _slots[Count - 1] == slot)
        {
            _frequencies[Count - 1]++;
            return;
        }

        var at = Count == 0 || _slots[Count - 1] < slot ? ~Count : Array.BinarySearch(_slots, 0, Count, slot);
        if (at >= 0)
        {
            _frequencies[at]++;
            return;
        }

        at = ~at;
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _frequencies, _frequencies.Length * 2);
        }

        Array.Copy(_slots, at, _slots, at + 1, Count - at);
        Array.Copy(_frequencies, at, _frequencies, at + 1, Count - at);
        _slots[at] = slot;
        _frequencies[at] = 1;
        Count++;
    }

    /// <summary>Drops <paramref name="slot"/>; false when it did not hold the term.</summary>
    public bool Remove(int slot)
    {
        var at = Array.BinarySearch(_slots, 0, Count, slot);
        if (at < 0)
        {
            return false;
        }

        Array.Copy(_slots, at + 1, _slots, at, Count - at - 1);
        Array.Copy(_frequencies, at + 1, _frequencies, at, Count - at - 1);
        Count--;
        return true;
    }

    /// <summary>Whether <paramref name="slot"/> holds the term.</summary>
    public bool Holds(int slot) => Array.BinarySearch(_slots, 0, Count, slot) >= 0;
}
