using System.Buffers;
using System.Numerics;

namespace Companion.Recall;

/// <summary>
/// Nearest vectors in two passes: byte codes over every row keep a shortlist (the candidates
/// wanted times <see cref="Oversampling"/>), then exact float cosine of the shortlist only. The
/// first pass's error is bounded for each row, so when the shortlist cannot prove it holds every
/// row that could rank, the rows that could are scored exactly too: the answer is always the
/// exact one, in the exact order, with the exact similarities.
/// </summary>
internal sealed partial class VectorSet
{
    /// <summary>How many times the candidates wanted the first pass keeps for exact scoring.</summary>
    public const int Oversampling = 10;

    // Covers the float rounding of both passes (the exact dot of 384 float products is within
    // about 2e-5 of the real one); the quantization error itself is bounded exactly below.
    private const double RoundingMargin = 1e-4;

    /// <summary>
    /// The <paramref name="take"/> rows most similar to <paramref name="unitQuery"/> with a cosine
    /// of at least <paramref name="minSimilarity"/> whose slot <paramref name="accept"/> lets
    /// through, by similarity then slot, both descending.
    /// </summary>
    public List<(int Slot, double Similarity)> Nearest(ReadOnlySpan<float> unitQuery, Func<int, bool> accept, double minSimilarity, int take)
    {
        if (take <= 0 || Count == 0 || unitQuery.Length != Dimensions)
        {
            return [];
        }

        var queryCodes = ArrayPool<short>.Shared.Rent(Dimensions);
        var approximate = ArrayPool<float>.Shared.Rent(Count);
        try
        {
            var codes = queryCodes.AsSpan(0, Dimensions);
            var queryScale = Int8Codes.QuantizeQuery(unitQuery, codes, Int8Codes.QueryLimit(Dimensions));
            var error = new QuantizationError(unitQuery, queryScale, Dimensions);
            var shortlist = FirstPass(codes, queryScale, error, accept, minSimilarity, take * Oversampling, approximate);
            var exact = Rescore(unitQuery, shortlist.Best().Select(b => b.Id), accept, minSimilarity, recheck: false);
            var threshold = exact.Count >= take ? exact[take - 1].Similarity : minSimilarity;
            if (shortlist.IsFull && shortlist.WorstScore + error.Of(_maxScale) >= threshold)
            {
                // A row the shortlist left out might still reach the threshold: score all that could.
                exact = Rescore(unitQuery, RowsThatCouldReach(threshold, approximate, error), accept, minSimilarity, recheck: true);
            }

            return exact.Count > take ? exact.GetRange(0, take) : exact;
        }
        finally
        {
            ArrayPool<short>.Shared.Return(queryCodes);
            ArrayPool<float>.Shared.Return(approximate);
        }
    }

    /// <summary>The exact cosine of two unit vectors (SIMD; a similarity is always computed this one way).</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = (double)Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private TopCandidates FirstPass(
        ReadOnlySpan<short> query, float queryScale, QuantizationError error, Func<int, bool> accept, double minSimilarity, int keep, float[] approximate)
    {
        var shortlist = new TopCandidates(keep);
        for (var chunk = 0; chunk < _values.Count; chunk++)
        {
            var codes = _codes[chunk];
            var scales = _scales[chunk];
            var rows = Math.Min(RowsPerChunk, Count - (chunk * RowsPerChunk));
            for (var at = 0; at < rows; at++)
            {
                var row = (chunk * RowsPerChunk) + at;
                var similarity = Int8Codes.Dot(codes.AsSpan(at * Dimensions, Dimensions), query) * scales[at] * queryScale;
                approximate[row] = similarity;
                // The slot is asked about only when the row would enter the shortlist.
                if (similarity + error.Of(scales[at]) >= minSimilarity && shortlist.Admits(similarity, row) && accept(_slots[chunk][at]))
                {
                    shortlist.Add(similarity, row);
                }
            }
        }

        return shortlist;
    }

    private IEnumerable<int> RowsThatCouldReach(double threshold, float[] approximate, QuantizationError error)
    {
        for (var row = 0; row < Count; row++)
        {
            if (approximate[row] + error.Of(_scales[row / RowsPerChunk][row % RowsPerChunk]) >= threshold)
            {
                yield return row;
            }
        }
    }

    private List<(int Slot, double Similarity)> Rescore(ReadOnlySpan<float> query, IEnumerable<int> rows, Func<int, bool> accept, double minSimilarity, bool recheck)
    {
        var scored = new List<(int Slot, double Similarity)>();
        foreach (var row in rows)
        {
            var slot = _slots[row / RowsPerChunk][row % RowsPerChunk];
            var similarity = Dot(query, Values(row));
            if (similarity >= minSimilarity && (!recheck || accept(slot)))
            {
                scored.Add((slot, similarity));
            }
        }

        scored.Sort(static (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : b.Slot.CompareTo(a.Slot));
        return scored;
    }

    /// <summary>
    /// How far a row's first-pass similarity can be from its exact one. With v = s·a + e (|e| ≤ s/2
    /// per dimension) and q = t·b + f (|f| ≤ t/2), v·q − s·t·(a·b) = v·f + e·q − e·f, so the error
    /// is at most (t/2)·|v|₁ + (s/2)·|q|₁ + d·s·t/4, and |v|₁ ≤ √d for a unit vector.
    /// </summary>
    private readonly struct QuantizationError(ReadOnlySpan<float> query, float queryScale, int dimensions)
    {
        private readonly double _perRowScale = (L1(query) / 2) + (dimensions * (double)queryScale / 4);
        private readonly double _fixed = (queryScale / 2.0 * Math.Sqrt(dimensions)) + RoundingMargin;

        /// <summary>The bound for a row quantized with <paramref name="rowScale"/>.</summary>
        public double Of(float rowScale) => (rowScale * _perRowScale) + _fixed;

        private static double L1(ReadOnlySpan<float> values)
        {
            var sum = 0.0;
            foreach (var value in values)
            {
                sum += Math.Abs(value);
            }

            return sum;
        }
    }
}
