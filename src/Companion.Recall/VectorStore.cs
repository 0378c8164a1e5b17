namespace Companion.Recall;

/// <summary>
/// A user's embeddings, one <see cref="VectorSet"/> per model and length: a query is compared only
/// with the vectors of its own model. While a new model re-embeds the history an item has a vector
/// in each model's set; the old set is dropped whole when the new one is complete. Not thread-safe:
/// its owner locks.
/// </summary>
internal sealed class VectorStore
{
    private readonly Dictionary<(string Model, int Dimensions), VectorSet> _sets = [];

    /// <summary>Vectors held, over every model.</summary>
    public int Count => _sets.Values.Sum(s => s.Count);

    /// <summary>Roughly the bytes held.</summary>
    public long Bytes => _sets.Values.Sum(s => s.Bytes);

    /// <summary>Keeps <paramref name="unitVector"/> as the embedding of <paramref name="slot"/> by <paramref name="model"/>, replacing the one that model made before.</summary>
    public void Set(int slot, string model, ReadOnlySpan<float> unitVector)
    {
        var key = (model, unitVector.Length);
        if (!_sets.TryGetValue(key, out var into))
        {
            _sets[key] = into = new VectorSet(unitVector.Length);
        }

        into.Set(slot, unitVector);
    }

    /// <summary>Drops the embedding of <paramref name="slot"/>, whichever model made it.</summary>
    public void Remove(int slot)
    {
        foreach (var set in _sets.Values)
        {
            set.Remove(slot);
        }
    }

    /// <summary>Drops every vector not made by <paramref name="model"/> (all of them when it is null).</summary>
    public void KeepOnly(string? model)
    {
        foreach (var key in _sets.Keys.Where(k => k.Model != model).ToList())
        {
            _sets.Remove(key);
        }
    }

    /// <summary>Vectors held of <paramref name="model"/>.</summary>
    public int CountOf(string model) => _sets.Where(s => s.Key.Model == model).Sum(s => s.Value.Count);

    /// <summary>The nearest vectors of <paramref name="model"/> to <paramref name="unitQuery"/> (<see cref="VectorSet.Nearest"/>).</summary>
    public List<(int Slot, double Similarity)> Nearest(string model, ReadOnlySpan<float> unitQuery, Func<int, bool> accept, double minSimilarity, int take) =>
        _sets.TryGetValue((model, unitQuery.Length), out var set) ? set.Nearest(unitQuery, accept, minSimilarity, take) : [];
}
