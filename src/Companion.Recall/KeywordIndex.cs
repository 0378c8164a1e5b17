namespace Companion.Recall;

/// <summary>
/// An inverted index scored by BM25 (k1 1.2, b 0.75): per term, the documents holding it and
/// how often. Small and in memory, one per user; not thread-safe (its owner locks).
/// </summary>
public sealed class KeywordIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, Dictionary<int, int>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _lengths = [];
    private long _totalLength;

    /// <summary>Documents indexed.</summary>
    public int Count => _lengths.Count;

    /// <summary>Distinct terms indexed.</summary>
    public int Terms => _postings.Count;

    /// <summary>Indexes a document's terms under its slot.</summary>
    public void Add(int slot, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        foreach (var term in terms)
        {
            if (!_postings.TryGetValue(term, out var documents))
            {
                _postings[term] = documents = [];
            }

            documents[slot] = documents.GetValueOrDefault(slot) + 1;
        }

        _lengths[slot] = terms.Count;
        _totalLength += terms.Count;
    }

    /// <summary>Removes a document indexed with these terms.</summary>
    public void Remove(int slot, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!_lengths.Remove(slot, out var length))
        {
            return;
        }

        _totalLength -= length;
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (_postings.TryGetValue(term, out var documents) && documents.Remove(slot) && documents.Count == 0)
            {
                _postings.Remove(term);
            }
        }
    }

    /// <summary>
    /// The best <paramref name="take"/> accepted documents for the query terms, best first, each
    /// with its BM25 score and the query terms it holds.
    /// </summary>
    public List<KeywordMatch> Search(IReadOnlyList<string> queryTerms, Func<int, bool> accept, int take)
    {
        ArgumentNullException.ThrowIfNull(queryTerms);
        ArgumentNullException.ThrowIfNull(accept);
        var scores = new Dictionary<int, (double Score, List<string> Terms)>();
        if (_lengths.Count == 0)
        {
            return [];
        }

        var averageLength = Math.Max(1.0, (double)_totalLength / _lengths.Count);
        var idfs = queryTerms.Distinct(StringComparer.Ordinal).ToDictionary(t => t, Idf, StringComparer.Ordinal);
        var totalIdf = idfs.Values.Sum();
        foreach (var (term, idf) in idfs)
        {
            if (!_postings.TryGetValue(term, out var documents))
            {
                continue;
            }

            foreach (var (slot, frequency) in documents)
            {
                if (!accept(slot))
                {
                    continue;
                }

                var norm = K1 * (1 - B + (B * _lengths[slot] / averageLength));
                var score = idf * frequency * (K1 + 1) / (frequency + norm);
                if (scores.TryGetValue(slot, out var sofar))
                {
                    sofar.Terms.Add(term);
                    scores[slot] = (sofar.Score + score, sofar.Terms);
                }
                else
                {
                    scores[slot] = (score, [term]);
                }
            }
        }

        return scores
            .OrderByDescending(s => s.Value.Score).ThenByDescending(s => s.Key)
            .Take(take)
            .Select(s => new KeywordMatch(s.Key, s.Value.Score, s.Value.Terms, s.Value.Terms.Sum(t => idfs[t]) / totalIdf))
            .ToList();
    }

    // A term no document holds weighs as much as the rarest can: the query asked for it.
    private double Idf(string term)
    {
        var holding = _postings.TryGetValue(term, out var documents) ? documents.Count : 0;
        return Math.Log(1 + ((_lengths.Count - holding + 0.5) / (holding + 0.5)));
    }
}

/// <summary>A document a keyword search found.</summary>
/// <param name="Slot">The document.</param>
/// <param name="Score">Its BM25 score.</param>
/// <param name="Terms">The query terms it holds.</param>
/// <param name="Coverage">The share (0 to 1) of the query's term weight (IDF) that it holds.</param>
public sealed record KeywordMatch(int Slot, double Score, IReadOnlyList<string> Terms, double Coverage);
