using System.Buffers;

namespace Companion.Recall;

/// <summary>
/// An inverted index scored by BM25 (k1 1.2, b 0.75): per term id (<see cref="TermDictionary"/>:
/// each distinct term's string kept once), the documents holding it and how often
/// (<see cref="Postings"/>), and per document only its length: its terms are split again from its
/// text when it is removed. Small and in memory, one per user; not thread-safe (its owner locks).
/// </summary>
public sealed class KeywordIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int Absent = -1;

    private readonly TermDictionary _terms = new();
    private readonly List<int> _documentTerms = [];
    private Postings[] _postings = [];
    private int[] _lengths = [];
    private long _totalLength;

    /// <summary>Documents indexed.</summary>
    public int Count { get; private set; }

    /// <summary>Distinct terms indexed (held by at least one document).</summary>
    public int Terms { get; private set; }

    /// <summary>Indexes the terms of <paramref name="text"/> (<see cref="TextTerms.Split"/>) under its slot.</summary>
    public void Add(int slot, string text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        _documentTerms.Clear();
        _terms.Split(text, _documentTerms);
        Add(slot, _documentTerms);
    }

    /// <summary>Indexes a document's terms under its slot.</summary>
    public void Add(int slot, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        _documentTerms.Clear();
        foreach (var term in terms)
        {
            _documentTerms.Add(_terms.Intern(term));
        }

        Add(slot, _documentTerms);
    }

    /// <summary>Removes a document indexed from <paramref name="text"/>.</summary>
    public void Remove(int slot, string text)
    {
        if (!Leave(slot))
        {
            return;
        }

        _documentTerms.Clear();
        _terms.Split(text, _documentTerms);
        RemovePostings(slot, _documentTerms);
    }

    /// <summary>Removes a document indexed with these terms.</summary>
    public void Remove(int slot, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!Leave(slot))
        {
            return;
        }

        _documentTerms.Clear();
        foreach (var term in terms)
        {
            if (_terms.Find(term) is var id and >= 0)
            {
                _documentTerms.Add(id);
            }
        }

        RemovePostings(slot, _documentTerms);
    }

    /// <summary>Roughly the bytes the terms, postings and lengths hold.</summary>
    public long ApproximateBytes()
    {
        var bytes = (4L * _lengths.Length) + (16L * _postings.Length) + _terms.ApproximateBytes();
        foreach (var postings in _postings)
        {
            bytes += postings.Bytes;
        }

        return bytes;
    }

    private void Add(int slot, List<int> ids)
    {
        if (_terms.Count > _postings.Length)
        {
            Array.Resize(ref _postings, Math.Max(_terms.Count, Math.Max(16, _postings.Length * 2)));
        }

        foreach (var id in ids)
        {
            ref var postings = ref _postings[id];
            if (postings.Count == 0)
            {
                Terms++;
            }

            postings.Add(slot);
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

        _lengths[slot] = ids.Count;
        _totalLength += ids.Count;
        ForgetDocumentTerms();
    }

    // The ids of one document are a scratch list: a long journal entry's are not kept for the index's life.
    private void ForgetDocumentTerms()
    {
        _documentTerms.Clear();
        if (_documentTerms.Capacity > 4_096)
        {
            _documentTerms.Capacity = 64;
        }
    }

    // Takes the slot's length out; false when it holds no document.
    private bool Leave(int slot)
    {
        if (slot < 0 || slot >= _lengths.Length || _lengths[slot] == Absent)
        {
            return false;
        }

        _totalLength -= _lengths[slot];
        _lengths[slot] = Absent;
        Count--;
        return true;
    }

    // A term repeated in the document is met again after its posting is gone, and left alone.
    private void RemovePostings(int slot, List<int> ids)
    {
        foreach (var id in ids)
        {
            if (id >= _postings.Length)
            {
                continue; // a term never indexed (the text is not the one added)
            }

            ref var postings = ref _postings[id];
            if (postings.Remove(slot) && postings.Count == 0)
            {
                Terms--;
            }
        }

        ForgetDocumentTerms();
    }

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
        var ids = Array.ConvertAll(terms, _terms.Find);
        var idfs = Array.ConvertAll(ids, Idf);
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
            var count = Accumulate(ids, idfs, scores, scored);
            var best = new TopCandidates(take);
            foreach (var slot in scored.AsSpan(0, count))
            {
                // Asked only of a document that would be kept.
                if (best.Admits(scores[slot], slot) && accept(slot))
                {
                    best.Add(scores[slot], slot);
                }
            }

            return [.. best.Best().Select(b => Match(b.Id, b.Score, terms, ids, idfs, totalIdf))];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<int>.Shared.Return(scored);
        }
    }

    private int Accumulate(int[] ids, double[] idfs, double[] scores, int[] scored)
    {
        var averageLength = Math.Max(1.0, (double)_totalLength / Count);
        var count = 0;
        for (var t = 0; t < ids.Length; t++)
        {
            if (ids[t] < 0)
            {
                continue;
            }

            var items = _postings[ids[t]].Items;
            for (var i = 0; i < items.Length; i++)
            {
                var slot = items[i];
                var frequency = 1;
                if (i + 1 < items.Length && items[i + 1] < 0)
                {
                    frequency = -items[++i];
                }

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
    private KeywordMatch Match(int slot, double score, string[] terms, int[] ids, double[] idfs, double totalIdf)
    {
        var held = new List<string>();
        var weight = 0.0;
        for (var t = 0; t < terms.Length; t++)
        {
            if (ids[t] >= 0 && _postings[ids[t]].Holds(slot))
            {
                held.Add(terms[t]);
                weight += idfs[t];
            }
        }

        return new KeywordMatch(slot, score, held, weight / totalIdf);
    }

    // A term no document holds weighs as much as the rarest can: the query asked for it.
    private double Idf(int id)
    {
        var holding = id < 0 ? 0 : _postings[id].Count;
        return Math.Log(1 + ((Count - holding + 0.5) / (holding + 0.5)));
    }
}

/// <summary>A document a keyword search found.</summary>
/// <param name="Slot">The document.</param>
/// <param name="Score">Its BM25 score.</param>
/// <param name="Terms">The query terms it holds.</param>
/// <param name="Coverage">The share (0 to 1) of the query's term weight (IDF) that it holds.</param>
public sealed record KeywordMatch(int Slot, double Score, IReadOnlyList<string> Terms, double Coverage);
