using System.Collections.Immutable;
using Companion.Domain.Lorebooks;

namespace Companion.Domain.State;

/// <summary>The lorebook's part of <see cref="UserStateApply"/>: one entry set, disabled or removed.</summary>
internal static class LorebookApply
{
    private static readonly Lorebook EmptyBook = new(null, null, null, null, null, null, [], null);

    public static LorebookState Set(CompanionState c, LorebookEntry entry, long version)
    {
        var current = c.Lorebook ?? new LorebookState(EmptyBook, LorebookSources.Entries, version, version);
        var entries = current.Book.Entries;
        var index = IndexOf(current.Book, entry.Id);
        return current with
        {
            Book = current.Book with { Entries = index >= 0 ? entries.SetItem(index, entry) : entries.Add(entry) },
            ChangedVersion = version,
        };
    }

    public static LorebookState Disable(CompanionState c, string entryId, long version) =>
        Change(c, entryId, version, (entries, index) => entries.SetItem(index, entries[index] with { Enabled = false }));

    public static LorebookState Remove(CompanionState c, string entryId, long version) =>
        Change(c, entryId, version, (entries, index) => entries.RemoveAt(index));

    private static LorebookState Change(
        CompanionState c, string entryId, long version,
        Func<ImmutableArray<LorebookEntry>, int, ImmutableArray<LorebookEntry>> change)
    {
        var current = c.Lorebook
            ?? throw new InvalidOperationException($"Event changes lorebook entry '{entryId}' of companion '{c.Id}', which has no lorebook.");
        var index = IndexOf(current.Book, entryId);
        return index < 0
            ? throw new InvalidOperationException($"Event changes lorebook entry '{entryId}' of companion '{c.Id}', which its lorebook does not hold.")
            : current with { Book = current.Book with { Entries = change(current.Book.Entries, index) }, ChangedVersion = version };
    }

    private static int IndexOf(Lorebook book, string entryId)
    {
        for (var i = 0; i < book.Entries.Length; i++)
        {
            if (book.Entries[i].Id == entryId)
            {
                return i;
            }
        }

        return -1;
    }
}
