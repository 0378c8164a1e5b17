using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Companion.Recall;

/// <summary>
/// Vectors quantized to one signed byte per dimension with a scale per vector (value ≈ code ×
/// scale), and their dot products with a query quantized to 16-bit integers: the cheap first
/// pass of a semantic search, a quarter of the bytes of the float vectors.
/// </summary>
internal static class Int8Codes
{
    /// <summary>Writes the codes of <paramref name="vector"/> into <paramref name="codes"/>; returns the scale.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var scale = MaxMagnitude(vector) / 127f;
        if (!(scale > 0) || !float.IsFinite(scale))
        {
            // A zero or broken vector: its exact similarity is 0 or NaN, never above the threshold.
            codes.Clear();
            return 0;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        }

        return scale;
    }

    /// <summary>
    /// Quantizes a query to at most <paramref name="limit"/> in magnitude per dimension; returns the scale.
    /// </summary>
    public static float QuantizeQuery(ReadOnlySpan<float> query, Span<short> codes, int limit)
    {
        var scale = MaxMagnitude(query) / limit;
        if (!(scale > 0) || !float.IsFinite(scale))
        {
            codes.Clear();
            return 0;
        }

        for (var i = 0; i < query.Length; i++)
        {
            codes[i] = (short)Math.Clamp(MathF.Round(query[i] / scale), -limit, limit);
        }

        return scale;
    }

    /// <summary>
    /// The largest query code magnitude for which a dot product of <paramref name="dimensions"/>
    /// products (each at most 127 times it) cannot overflow a 32-bit integer.
    /// </summary>
    public static int QueryLimit(int dimensions) => (int)Math.Min(16_383, (int.MaxValue - 1) / (127L * Math.Max(1, dimensions)));

    /// <summary>The integer dot product of byte codes and 16-bit query codes of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> codes, ReadOnlySpan<short> query)
    {
        var i = 0;
        var total = 0;
        if (Avx2.IsSupported && codes.Length >= 16)
        {
            // Sign-extend 16 codes to 16-bit lanes, then multiply pairwise and add adjacent pairs
            // into 32-bit lanes (vpmaddwd): 16 dimensions per step.
            ref var c = ref MemoryMarshal.GetReference(codes);
            ref var q = ref MemoryMarshal.GetReference(query);
            var sum = Vector256<int>.Zero;
            for (; i <= codes.Length - 16; i += 16)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref c, (nuint)i));
                sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref q, (nuint)i)));
            }

            total = Vector256.Sum(sum);
        }

        for (; i < codes.Length; i++)
        {
            total += codes[i] * query[i];
        }

        return total;
    }

    private static float MaxMagnitude(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }
}
