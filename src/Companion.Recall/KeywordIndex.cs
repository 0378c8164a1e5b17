using System.Buffers;

namespace Companion.Recall;

/// <summary>
/// An inverted index scored by BM25 (k1 1.2, b 0.75): per term, the documents holding it and
/// how often (<see cref="Postings"/>). Small and in memory, one per user; not thread-safe (its owner locks).
/// </summary>
public sealed class KeywordIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int Absent = -1;

    private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);
    private int[] _lengths = [];
    private long _totalLength;

    /// <summary>Documents indexed.</summary>
    public int Count { get; private set; }

    /// <summary>Distinct terms indexed.</summary>
    public int Terms => _postings.Count;

    /// <summary>Indexes a document's terms under its slot.</summary>
    public void Add(int slot, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        foreach (var term in terms)
        {
            if (!_postings.TryGetValue(term, out var documents))
            {
                _postings[term] = documents = new Postings();
            }

            documents.Add(slot);
        }

        if (slot >= _lengths.Length)
        {
            var old = _lengths.Length;
            Array.Resize(ref _lengths, Math.Max(slot + 1, Math.Max(16, old * 2)));
            _lengths.AsSpan(old).Fill(Absent);
        }

        if (_lengths[slot] == Absent)
        {
            Count++;
        }
        else
        {
            _totalLength -= _lengths[slot];
        }

        _lengths[slot] = terms.Count;
        _totalLength += terms.Count;
    }

    /// <summary>Removes a document indexed with these terms.</summary>
    public void Remove(int slot, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (slot < 0 || slot >= _lengths.Length || _lengths[slot] == Absent)
        {
            return;
        }

        _totalLength -= _lengths[slot];
        _lengths[slot] = Absent;
        Count--;
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (_postings.TryGetValue(term, out var documents) && documents.Remove(slot) && documents.Count == 0)
            {
                _postings.Remove(term);
            }
        }
    }

    /// <summary>Roughly the bytes the postings and lengths hold.</summary>
    public long ApproximateBytes() => (4L * _lengths.Length) + _postings.Sum(p => 64L + (2L * p.Key.Length) + p.Value.Bytes);

    /// <summary>
    /// The best <paramref name="take"/> accepted documents for the query terms, best first (by
    /// score, then slot, descending), each with its BM25 score and the query terms it holds.
    /// </summary>
    public List<KeywordMatch> Search(IReadOnlyList<string> queryTerms, Func<int, bool> accept, int take)
    {
        ArgumentNullException.ThrowIfNull(queryTerms);
        ArgumentNullException.ThrowIfNull(accept);
        if (Count == 0 || take <= 0)
        {
            return [];
        }

        var terms = queryTerms.Distinct(StringComparer.Ordinal).ToArray();
        var idfs = Array.ConvertAll(terms, Idf);
        var totalIdf = 0.0;
        foreach (var idf in idfs)
        {
            totalIdf += idf;
        }

        // Scores by slot in one pooled buffer (a BM25 score is never 0, so 0 means not yet
        // scored), and the slots scored so far: a common word touches half the history.
        var scores = ArrayPool<double>.Shared.Rent(_lengths.Length);
        var scored = ArrayPool<int>.Shared.Rent(_lengths.Length);
        try
        {
            Array.Clear(scores, 0, _lengths.Length);
            var count = Accumulate(terms, idfs, scores, scored);
            var best = new TopCandidates(take);
            foreach (var slot in scored.AsSpan(0, count))
            {
                // Asked only of a document that would be kept.
                if (best.Admits(scores[slot], slot) && accept(slot))
                {
                    best.Add(scores[slot], slot);
                }
            }

            return [.. best.Best().Select(b => Match(b.Id, b.Score, terms, idfs, totalIdf))];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<int>.Shared.Return(scored);
        }
    }

    private int Accumulate(string[] terms, double[] idfs, double[] scores, int[] scored)
    {
        var averageLength = Math.Max(1.0, (double)_totalLength / Count);
        var count = 0;
        for (var t = 0; t < terms.Length; t++)
        {
            if (!_postings.TryGetValue(terms[t], out var documents))
            {
                continue;
            }

            var slots = documents.Slots;
            var frequencies = documents.Frequencies;
            for (var i = 0; i < slots.Length; i++)
            {
                var slot = slots[i];
                var frequency = frequencies[i];
                var norm = K1 * (1 - B + (B * _lengths[slot] / averageLength));
                var score = idfs[t] * frequency * (K1 + 1) / (frequency + norm);
                if (scores[slot] == 0)
                {
                    scored[count++] = slot;
                }

                scores[slot] += score;
            }
        }

        return count;
    }

    // The matched terms and their share of the query's weight, for the winners only.
    private KeywordMatch Match(int slot, double score, string[] terms, double[] idfs, double totalIdf)
    {
        var held = new List<string>();
        var weight = 0.0;
        for (var t = 0; t < terms.Length; t++)
        {
            if (_postings.TryGetValue(terms[t], out var documents) && documents.Holds(slot))
            {
                held.Add(terms[t]);
                weight += idfs[t];
            }
        }

        return new KeywordMatch(slot, score, held, weight / totalIdf);
    }

    // A term no document holds weighs as much as the rarest can: the query asked for it.
    private double Idf(string term)
    {
        var holding = _postings.TryGetValue(term, out var documents) ? documents.Count : 0;
        return Math.Log(1 + ((Count - holding + 0.5) / (holding + 0.5)));
    }
}

/// <summary>A document a keyword search found.</summary>
/// <param name="Slot">The document.</param>
/// <param name="Score">Its BM25 score.</param>
/// <param name="Terms">The query terms it holds.</param>
/// <param name="Coverage">The share (0 to 1) of the query's term weight (IDF) that it holds.</param>
public sealed record KeywordMatch(int Slot, double Score, IReadOnlyList<string> Terms, double Coverage);
