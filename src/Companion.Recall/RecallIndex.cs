using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;

namespace Companion.Recall;

/// <summary>
/// A user's recall index: every memory, message and journal entry of their log, by keyword
/// (<see cref="KeywordIndex"/>) and, once embedded, by meaning. Built by applying the log's
/// events in order; a forgotten or superseded memory leaves it, and a memory whose fact ended is
/// kept but not found once its end has passed (a fact may end later than it is said to). Not thread-safe: <see cref="RecallProjection"/> locks.
/// Searching: <c>RecallIndex.Search.cs</c>.
/// </summary>
public sealed partial class RecallIndex
{
    private readonly RecallDocuments _documents = new();
    private readonly Dictionary<(string CompanionId, string MemoryId), int> _memories = [];
    private readonly Dictionary<int, DateTimeOffset> _memoryEnds = [];
    private readonly VectorStore _vectors = new();
    private readonly KeywordIndex _keywords = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _nextSlot;

    /// <summary>Items indexed.</summary>
    public int Count => _documents.Count;

    /// <summary>Items with a vector.</summary>
    public int Embedded => _vectors.Count;

    /// <summary>Distinct keyword terms.</summary>
    public int Terms => _keywords.Terms;

    /// <summary>
    /// Applies an event recorded at <paramref name="version"/>; returns the item it added, if any
    /// (the caller embeds it).
    /// </summary>
    public RecallDocument? Apply(UserEvent @event, long version)
    {
        switch (@event)
        {
            case MessageRecorded e:
                return Add(RecallKind.Message, e.MessageId, e.CompanionId, e.SessionId, e.Role, e.Text, version, e.OccurredAt, 0);
            case MemoryRecorded e:
                // A superseded memory is history: it leaves the index as a forgotten one does.
                if (e.Supersedes is { } replaced && _memories.Remove((e.CompanionId, replaced), out var replacedSlot))
                {
                    Remove(replacedSlot);
                }

                var memory = Add(RecallKind.Memory, e.MemoryId, e.CompanionId, null, null, e.Text, version, e.OccurredAt, e.Salience);
                _memories[(e.CompanionId, e.MemoryId)] = memory.Slot;
                if (e.ValidTo is { } end)
                {
                    _memoryEnds[memory.Slot] = end;
                }

                return memory;
            case JournalEntryWritten e:
                return Add(RecallKind.Journal, e.EntryId, null, null, null, e.Text, version, e.OccurredAt, 0);
            case MemoryEnded e when _memories.TryGetValue((e.CompanionId, e.MemoryId), out var endedSlot):
                _memoryEnds[endedSlot] = e.EndsAt;
                return null;
            case MemoryForgotten e when _memories.Remove((e.CompanionId, e.MemoryId), out var slot):
                Remove(slot);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Keeps <paramref name="vector"/> as the embedding of the item in <paramref name="slot"/>, when it is still indexed.</summary>
    public void SetVector(int slot, string model, float[] vector)
    {
        if (_documents.ContainsKey(slot))
        {
            _vectors.Set(slot, model, Normalized(vector));
        }
    }

    /// <summary>Whether the item in <paramref name="slot"/> is a memory whose fact stopped holding at or before <paramref name="now"/>.</summary>
    private bool Ended(int slot, DateTimeOffset now) => _memoryEnds.TryGetValue(slot, out var end) && end <= now;

    /// <summary>Whether the item in <paramref name="slot"/> is still indexed.</summary>
    public bool Contains(int slot) => _documents.ContainsKey(slot);

    /// <summary>Roughly the bytes the index holds: texts, terms, postings and vectors.</summary>
    public long ApproximateBytes() =>
        _documents.Values.Sum(d => 104L + (2L * (d.Text.Length + d.Id.Length)))
        + _keywords.ApproximateBytes()
        + _vectors.Bytes;

    private RecallDocument Add(RecallKind kind, string id, string? companionId, string? sessionId, MessageRole? role, string text, long version, DateTimeOffset at, double salience)
    {
        // Every event brings its own copies of the companion and session ids: one of each is kept.
        var document = new RecallDocument(_nextSlot++, kind, id, Shared(companionId), Shared(sessionId), role, text, version, at, salience);
        _documents.Add(document);
        _keywords.Add(document.Slot, text);
        return document;
    }

    private string? Shared(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (!_names.TryGetValue(name, out var kept))
        {
            _names.Add(kept = name);
        }

        return kept;
    }

    private void Remove(int slot)
    {
        // The terms are split again from the text rather than kept per item for the item's whole
        // life: removing is rare, and splitting is deterministic.
        if (_documents.Remove(slot, out var document))
        {
            _keywords.Remove(slot, document.Text);
        }

        _vectors.Remove(slot);
        _memoryEnds.Remove(slot);
    }

    private static float[] Normalized(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        return norm == 0 ? vector : [.. vector.Select(v => (float)(v / norm))];
    }
}
