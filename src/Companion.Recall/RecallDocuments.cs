using System.Diagnostics.CodeAnalysis;

namespace Companion.Recall;

/// <summary>
/// The documents of a recall index by slot, in an array: slots are given in order from 0, so a
/// slot is its own index (a reference a document, no hashing, no entry objects), and a removed
/// document leaves an empty place.
/// </summary>
internal sealed class RecallDocuments
{
    private RecallDocument?[] _bySlot = [];

    /// <summary>Documents held.</summary>
    public int Count { get; private set; }

    /// <summary>The documents held, by slot.</summary>
    public IEnumerable<RecallDocument> Values => _bySlot.OfType<RecallDocument>();

    /// <summary>The document in <paramref name="slot"/>.</summary>
    /// <exception cref="KeyNotFoundException">No document is there.</exception>
    public RecallDocument this[int slot] =>
        TryGetValue(slot, out var document) ? document : throw new KeyNotFoundException($"No document in slot {slot}.");

    /// <summary>Keeps <paramref name="document"/> in its slot, in place of any there.</summary>
    public void Add(RecallDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(document.Slot);
        if (document.Slot >= _bySlot.Length)
        {
            Array.Resize(ref _bySlot, Math.Max(document.Slot + 1, Math.Max(16, _bySlot.Length * 2)));
        }

        if (_bySlot[document.Slot] is null)
        {
            Count++;
        }

        _bySlot[document.Slot] = document;
    }

    /// <summary>The document in <paramref name="slot"/>, if any.</summary>
    public bool TryGetValue(int slot, [NotNullWhen(true)] out RecallDocument? document)
    {
        document = (uint)slot < (uint)_bySlot.Length ? _bySlot[slot] : null;
        return document is not null;
    }

    /// <summary>Whether a document is in <paramref name="slot"/>.</summary>
    public bool ContainsKey(int slot) => TryGetValue(slot, out _);

    /// <summary>Takes the document out of <paramref name="slot"/>; false when none was there.</summary>
    public bool Remove(int slot, [NotNullWhen(true)] out RecallDocument? document)
    {
        if (!TryGetValue(slot, out document))
        {
            return false;
        }

        _bySlot[slot] = null;
        Count--;
        return true;
    }
}
