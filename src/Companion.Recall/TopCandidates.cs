namespace Companion.Recall;

/// <summary>
/// The best <c>capacity</c> of a stream of (score, id) pairs, higher score first and, on equal
/// scores, higher id first: a bounded min-heap whose root is the worst kept, so a search keeps
/// its winners without sorting everything it scored.
/// </summary>
internal sealed class TopCandidates(int capacity)
{
    private readonly (double Score, int Id)[] _heap = new (double, int)[Math.Max(0, capacity)];
    private int _count;

    /// <summary>How many are kept.</summary>
    public int Count => _count;

    /// <summary>Whether as many as the capacity are kept.</summary>
    public bool IsFull => _count == _heap.Length;

    /// <summary>The worst score kept (only when <see cref="Count"/> is above zero).</summary>
    public double WorstScore => _heap[0].Score;

    /// <summary>Whether <paramref name="score"/> and <paramref name="id"/> would be kept if added now.</summary>
    public bool Admits(double score, int id) => _count < _heap.Length || (_heap.Length > 0 && Better(score, id, _heap[0]));

    /// <summary>Keeps the pair if it is among the best so far.</summary>
    public void Add(double score, int id)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = (score, id);
            SiftUp(_count++);
        }
        else if (_heap.Length > 0 && Better(score, id, _heap[0]))
        {
            _heap[0] = (score, id);
            SiftDown(0);
        }
    }

    /// <summary>What is kept, best first.</summary>
    public (double Score, int Id)[] Best()
    {
        var best = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(best, static (a, b) => Better(a.Score, a.Id, b) ? -1 : Better(b.Score, b.Id, a) ? 1 : 0);
        return best;
    }

    private static bool Better(double score, int id, (double Score, int Id) than) =>
        score > than.Score || (score == than.Score && id > than.Id);

    private void SiftUp(int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Better(_heap[parent].Score, _heap[parent].Id, _heap[at]))
            {
                return;
            }

            (_heap[parent], _heap[at]) = (_heap[at], _heap[parent]);
            at = parent;
        }
    }

    private void SiftDown(int at)
    {
        while (true)
        {
            var worst = at;
            foreach (var child in (ReadOnlySpan<int>)[(2 * at) + 1, (2 * at) + 2])
            {
                if (child < _count && Better(_heap[worst].Score, _heap[worst].Id, _heap[child]))
                {
                    worst = child;
                }
            }

            if (worst == at)
            {
                return;
            }

            (_heap[worst], _heap[at]) = (_heap[at], _heap[worst]);
            at = worst;
        }
    }
}
