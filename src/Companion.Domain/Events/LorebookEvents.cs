using Companion.Domain.Lorebooks;

namespace Companion.Domain.Events;

// A companion's lorebook, versioned like everything else: a whole book imported, one entry set
// (added or edited), disabled or removed. Each change is its own event; the state holds the book
// as it is now.

/// <summary>A whole lorebook became the companion's, replacing any before it.</summary>
[EventType("lorebook-imported", 1), Immutable, GenerateSerializer, Alias("companion.lorebook-imported.v1")]
public sealed record LorebookImported(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] Lorebook Book,
    [property: Id(2)] string Source,
    [property: Id(3)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>One entry added, or replaced whole when its id is already in the book.</summary>
[EventType("lorebook-entry-set", 1), Immutable, GenerateSerializer, Alias("companion.lorebook-entry-set.v1")]
public sealed record LorebookEntrySet(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] LorebookEntry Entry,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>An entry stays in the book but is never matched until it is set enabled again.</summary>
[EventType("lorebook-entry-disabled", 1), Immutable, GenerateSerializer, Alias("companion.lorebook-entry-disabled.v1")]
public sealed record LorebookEntryDisabled(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string EntryId,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>An entry left the book (the log keeps it).</summary>
[EventType("lorebook-entry-removed", 1), Immutable, GenerateSerializer, Alias("companion.lorebook-entry-removed.v1")]
public sealed record LorebookEntryRemoved(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string EntryId,
    [property: Id(2)] DateTimeOffset OccurredAt) : UserEvent;
