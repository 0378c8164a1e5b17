using Companion.Domain.Events;
using Companion.Domain.Lorebooks;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// The lorebook commands: validate against the state, then say which event records them. Every
/// refusal names the entry and field to fix.
/// </summary>
public static class LorebookDecisions
{
    /// <summary>The most entries one book may hold.</summary>
    public const int MaxEntries = 2_000;

    /// <summary>The most keys (primary and secondary each) one entry may hold.</summary>
    public const int MaxKeys = 200;

    /// <summary>The longest key, regex or not, in characters.</summary>
    public const int MaxKeyLength = 1_000;

    public static LorebookImported Import(UserState state, string companionId, Lorebook book, string source, DateTimeOffset now)
    {
        UserDecisions.RequireCompanion(state, companionId);
        return Imported(companionId, book, source, now);
    }

    /// <summary>The import of a book into a companion the same command creates (a card with a <c>character_book</c>).</summary>
    public static LorebookImported Imported(string companionId, Lorebook book, string source, DateTimeOffset now)
    {
        if (book.Entries.Length > MaxEntries)
        {
            throw DomainException.Invalid($"The lorebook has {book.Entries.Length} entries; the limit is {MaxEntries}.");
        }

        Validate.OptionalText(book.Name, "lorebook.name", Limits.MemoryText);
        Validate.OptionalText(book.Description, "lorebook.description", Limits.PersonaField);
        Validate.OptionalText(book.Extensions, "lorebook.extensions", Limits.PersonaExtensions);
        Validate.OptionalText(book.Unknown, "lorebook (fields outside the spec)", Limits.PersonaExtensions);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var size = 0L;
        foreach (var entry in book.Entries)
        {
            ValidEntry(entry);
            if (!ids.Add(entry.Id))
            {
                throw DomainException.Invalid($"Two lorebook entries have the id '{entry.Id}': each entry's id must be unique in its book.");
            }

            size += entry.Content.Length + entry.Keys.Sum(k => k.Length) + entry.SecondaryKeys.Sum(k => k.Length)
                + (entry.Extensions?.Length ?? 0) + (entry.Unknown?.Length ?? 0) + (entry.Comment?.Length ?? 0);
        }

        if (size > Limits.PersonaCard)
        {
            throw DomainException.Invalid($"The lorebook holds {size} characters; the limit for a whole book is {Limits.PersonaCard}.");
        }

        return new LorebookImported(companionId, book, source, now);
    }

    public static LorebookEntrySet SetEntry(UserState state, string companionId, LorebookEntry entry, DateTimeOffset now)
    {
        var companion = UserDecisions.RequireCompanion(state, companionId);
        ValidEntry(entry);
        var book = companion.Lorebook?.Book;
        if (book?.Find(entry.Id) is null && book?.Entries.Length >= MaxEntries)
        {
            throw DomainException.Invalid($"The lorebook already holds {MaxEntries} entries, its limit: remove one before adding '{entry.Id}'.");
        }

        if (book?.Find(entry.Id) is { } existing && existing.Equals(entry))
        {
            throw DomainException.Invalid($"Lorebook entry '{entry.Id}' is already exactly this; send at least one field with a new value.");
        }

        return new LorebookEntrySet(companionId, entry, now);
    }

    public static LorebookEntryDisabled DisableEntry(UserState state, string companionId, string entryId, DateTimeOffset now)
    {
        var entry = RequireEntry(state, companionId, entryId);
        return entry.Enabled
            ? new LorebookEntryDisabled(companionId, entryId, now)
            : throw DomainException.Conflict($"Lorebook entry '{entryId}' is already disabled; set it with \"enabled\": true to use it again.");
    }

    public static LorebookEntryRemoved RemoveEntry(UserState state, string companionId, string entryId, DateTimeOffset now)
    {
        RequireEntry(state, companionId, entryId);
        return new LorebookEntryRemoved(companionId, entryId, now);
    }

    private static LorebookEntry RequireEntry(UserState state, string companionId, string entryId) =>
        UserDecisions.RequireCompanion(state, companionId).Lorebook?.Book.Find(entryId)
            ?? throw DomainException.NotFound($"Companion '{companionId}' has no lorebook entry '{entryId}'; GET its lorebook for the entry ids.");

    private static void ValidEntry(LorebookEntry entry)
    {
        if (Validate.OptionalClientKey(entry.Id, "entry id") is null)
        {
            throw DomainException.Invalid("A lorebook entry needs an id.");
        }

        var at = $"lorebook entry '{entry.Id}'";
        Keys(entry.Keys, $"{at}: keys");
        Keys(entry.SecondaryKeys, $"{at}: secondary_keys");
        Validate.Text(entry.Content, $"{at}: content", Limits.PersonaField);
        Validate.OptionalText(entry.Name, $"{at}: name", Limits.MemoryText);
        Validate.OptionalText(entry.Comment, $"{at}: comment", Limits.PersonaField);
        Validate.OptionalText(entry.Position, $"{at}: position", Limits.ShortLabel);
        Validate.OptionalText(entry.Extensions, $"{at}: extensions", Limits.PersonaExtensions);
        Validate.OptionalText(entry.Unknown, $"{at} (fields outside the spec)", Limits.PersonaExtensions);
        if (!double.IsFinite(entry.InsertionOrder) || entry.Priority is { } p && !double.IsFinite(p))
        {
            throw DomainException.Invalid($"{at}: insertion_order and priority must be finite numbers.");
        }
    }

    private static void Keys(System.Collections.Immutable.ImmutableArray<string> keys, string field)
    {
        if (keys.Length > MaxKeys)
        {
            throw DomainException.Invalid($"'{field}' has {keys.Length} keys; the limit is {MaxKeys}.");
        }

        foreach (var key in keys)
        {
            Validate.Text(key, field, MaxKeyLength);
        }
    }
}
