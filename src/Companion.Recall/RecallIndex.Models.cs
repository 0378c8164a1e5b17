namespace Companion.Recall;

/// <summary>What a change of embedding model needs of the index: the items to re-embed, and dropping the old model's vectors.</summary>
public sealed partial class RecallIndex
{
    /// <summary>The slots of every item indexed, oldest first.</summary>
    public List<int> Slots() => [.. _documents.Values.Select(d => d.Slot)];

    /// <summary>The item in <paramref name="slot"/>, while it is indexed.</summary>
    public RecallDocument? Document(int slot) => _documents.TryGetValue(slot, out var document) ? document : null;

    /// <summary>Items with a vector of <paramref name="model"/>.</summary>
    public int EmbeddedBy(string model) => _vectors.CountOf(model);

    /// <summary>Drops every vector not made by <paramref name="model"/> (all of them when it is null: keyword search only).</summary>
    public void KeepVectorsOf(string? model) => _vectors.KeepOnly(model);
}
