namespace Companion.Benchmarks.Harness;

/// <summary>
/// Texts and vectors for a large synthetic history: sentences of 8 to 20 words drawn with a
/// Zipf-like skew from a vocabulary of 5,000 words (so keyword postings are long for common words
/// and short for rare ones, as in real chat), and unit vectors clustered round 64 topics (so
/// similarities spread as real embeddings do, rather than all near zero). Deterministic per seed.
/// </summary>
public sealed class SyntheticHistory(int seed, int dimensions = 384)
{
    private const int Vocabulary = 5_000;
    private const int Topics = 64;

    private readonly Random _random = new(seed);
    private readonly float[][] _topics = MakeTopics(new Random(seed + 1), dimensions);

    /// <summary>A sentence of synthetic words.</summary>
    public string Sentence(int minWords = 8, int maxWords = 20) =>
        string.Join(' ', Enumerable.Range(0, _random.Next(minWords, maxWords + 1)).Select(_ => Word()));

    /// <summary>A word, common ones far more often than rare ones.</summary>
    public string Word() => "w" + ((int)(Vocabulary * Math.Pow(_random.NextDouble(), 3))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A unit vector near one of the topics.</summary>
    public float[] Vector()
    {
        var topic = _topics[_random.Next(Topics)];
        var vector = topic.Select(v => v + (float)((_random.NextDouble() - 0.5) * 0.08)).ToArray();
        var norm = (float)Math.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }

    private static float[][] MakeTopics(Random random, int dimensions) =>
        [.. Enumerable.Range(0, Topics).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())];
}
