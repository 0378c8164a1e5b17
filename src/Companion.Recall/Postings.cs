namespace Companion.Recall;

/// <summary>
/// The documents holding one keyword term, by slot ascending, in one array of ints: a slot alone
/// is a document holding the term once, a slot followed by a negative number -f one holding it f
/// times (most hold a word once: 4 bytes a posting, one array a term, no object of its own; the
/// index keeps these in an array by term id). Slots arrive in ascending order as the log is
/// folded, so adding appends; a removal shifts the tail (rare: forgetting a memory).
/// </summary>
internal struct Postings
{
    private int[]? _items;
    private int _length;

    /// <summary>Documents holding the term.</summary>
    public int Count { get; private set; }

    /// <summary>The encoded postings: a slot, then (when it holds the term more than once) minus how often.</summary>
    public readonly ReadOnlySpan<int> Items => _items.AsSpan(0, _length);

    /// <summary>Roughly the bytes held beyond the index's array of postings.</summary>
    public readonly long Bytes => _items is null ? 0 : 24L + (4L * _items.Length);

    /// <summary>Counts one more occurrence of the term in <paramref name="slot"/>.</summary>
    public void Add(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if (_length > 0)
        {
            var last = _items![_length - 1];
            var lastSlot = last >= 0 ? last : _items[_length - 2];
            if (lastSlot == slot)
            {
                if (last >= 0)
                {
                    Insert(_length, -2);
                }
                else
                {
                    _items[_length - 1] = last - 1;
                }

                return;
            }

            if (lastSlot > slot)
            {
                AddOutOfOrder(slot);
                return;
            }
        }

        Insert(_length, slot);
        Count++;
    }

    /// <summary>Drops <paramref name="slot"/>; false when it did not hold the term.</summary>
    public bool Remove(int slot)
    {
        var at = IndexOf(slot);
        if (at < 0)
        {
            return false;
        }

        var width = at + 1 < _length && _items![at + 1] < 0 ? 2 : 1;
        Array.Copy(_items!, at + width, _items!, at, _length - at - width);
        _length -= width;
        Count--;
        if (Count == 0)
        {
            _items = null;
        }

        return true;
    }

    /// <summary>Whether <paramref name="slot"/> holds the term.</summary>
    public readonly bool Holds(int slot) => IndexOf(slot) >= 0;

    // A slot only ever arrives below the last when a caller adds documents out of order.
    private void AddOutOfOrder(int slot)
    {
        var at = IndexOf(slot);
        if (at < 0)
        {
            Insert(~at, slot);
            Count++;
        }
        else if (at + 1 < _length && _items![at + 1] < 0)
        {
            _items[at + 1]--;
        }
        else
        {
            Insert(at + 1, -2);
        }
    }

    private void Insert(int at, int value)
    {
        if (_items is null || _length == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(2, _length * 2));
        }

        Array.Copy(_items, at, _items, at + 1, _length - at);
        _items[at] = value;
        _length++;
    }

    // Binary search over the encoded array: a negative item is a frequency, its slot just before it.
    // The position of the slot, or the complement of where it would go.
    private readonly int IndexOf(int slot)
    {
        var items = Items;
        int low = 0, high = items.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (items[middle] < 0)
            {
                middle--; // never below low: items[low] is always a slot
            }

            var found = items[middle];
            if (found == slot)
            {
                return middle;
            }

            if (found < slot)
            {
                low = middle + 1;
                if (low < items.Length && items[low] < 0)
                {
                    low++;
                }
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
