namespace Companion.Recall;

/// <summary>
/// The vectors of one model (and one length), in contiguous chunks of rows rather than an object
/// per vector: each row holds the unit vector's floats (for exact similarities), its byte codes and
/// scale (<see cref="Int8Codes"/>, for the first pass) and the slot of the item it embeds. A removed
/// row is filled by the last one, so the rows stay dense. Searching: <c>VectorSet.Nearest.cs</c>.
/// Not thread-safe: its owner locks.
/// </summary>
internal sealed partial class VectorSet(int dimensions)
{
    // 1,024 rows of 384 floats are 1.5 MB: big enough to scan without pause, small enough to
    // grow without copying what is already stored.
    private const int RowsPerChunk = 1_024;

    private readonly List<float[]> _values = [];
    private readonly List<sbyte[]> _codes = [];
    private readonly List<float[]> _scales = [];
    private readonly List<int[]> _slots = [];
    private readonly Dictionary<int, int> _rows = [];
    private float _maxScale;

    /// <summary>The length of every vector in the set.</summary>
    public int Dimensions { get; } = dimensions;

    /// <summary>Vectors held.</summary>
    public int Count => _rows.Count;

    /// <summary>Whether the item in <paramref name="slot"/> has a vector here.</summary>
    public bool Contains(int slot) => _rows.ContainsKey(slot);

    /// <summary>Roughly the bytes held: the chunks allocated and the slot map.</summary>
    public long Bytes => (_values.Count * (long)RowsPerChunk * ((5L * Dimensions) + 8)) + (24L * _rows.Count);

    /// <summary>Keeps <paramref name="unitVector"/> (already normalized) as the vector of <paramref name="slot"/>, replacing any it had.</summary>
    public void Set(int slot, ReadOnlySpan<float> unitVector)
    {
        if (unitVector.Length != Dimensions)
        {
            throw new ArgumentException($"A vector of this set has {Dimensions} dimensions, not {unitVector.Length}.", nameof(unitVector));
        }

        if (!_rows.TryGetValue(slot, out var row))
        {
            row = _rows.Count;
            if (row == _values.Count * RowsPerChunk)
            {
                _values.Add(new float[RowsPerChunk * Dimensions]);
                _codes.Add(new sbyte[RowsPerChunk * Dimensions]);
                _scales.Add(new float[RowsPerChunk]);
                _slots.Add(new int[RowsPerChunk]);
            }

            _rows[slot] = row;
        }

        var (chunk, at) = Math.DivRem(row, RowsPerChunk);
        unitVector.CopyTo(Values(row));
        var scale = Int8Codes.Quantize(unitVector, _codes[chunk].AsSpan(at * Dimensions, Dimensions));
        _scales[chunk][at] = scale;
        _slots[chunk][at] = slot;
        _maxScale = Math.Max(_maxScale, scale);
    }

    /// <summary>Drops the vector of <paramref name="slot"/>, if it has one here; the last row takes its place.</summary>
    public bool Remove(int slot)
    {
        if (!_rows.Remove(slot, out var row))
        {
            return false;
        }

        var last = _rows.Count;
        if (row != last)
        {
            var (chunk, at) = Math.DivRem(row, RowsPerChunk);
            var (lastChunk, lastAt) = Math.DivRem(last, RowsPerChunk);
            Values(last).CopyTo(Values(row));
            _codes[lastChunk].AsSpan(lastAt * Dimensions, Dimensions).CopyTo(_codes[chunk].AsSpan(at * Dimensions, Dimensions));
            _scales[chunk][at] = _scales[lastChunk][lastAt];
            var moved = _slots[lastChunk][lastAt];
            _slots[chunk][at] = moved;
            _rows[moved] = row;
        }

        if (last % RowsPerChunk == 0)
        {
            // The last chunk is empty now: give its memory back.
            var empty = _values.Count - 1;
            _values.RemoveAt(empty);
            _codes.RemoveAt(empty);
            _scales.RemoveAt(empty);
            _slots.RemoveAt(empty);
        }

        return true;
    }

    private Span<float> Values(int row)
    {
        var (chunk, at) = Math.DivRem(row, RowsPerChunk);
        return _values[chunk].AsSpan(at * Dimensions, Dimensions);
    }
}
