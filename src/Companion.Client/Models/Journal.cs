namespace Companion.Client;

/// <summary>A journal entry to write.</summary>
/// <param name="Text">The entry (at most 64,000 characters).</param>
/// <param name="Prompt">The practice it answers ("secure-base-check-in").</param>
/// <param name="Mood">A mood label ("hopeful").</param>
/// <param name="RequestId">A client key: sending it again writes nothing more and answers with the first result.</param>
/// <param name="Practice">The practice the entry follows, a practice's <c>kind</c> from <c>GET /v1/practices</c> (<see cref="CompanionClient.GetPracticesAsync"/>).</param>
/// <param name="Fields">That practice's own fields (a reframe's old and new story, …); only those the practice names are accepted.</param>
public sealed record NewJournalEntry(
    string Text, string? Prompt = null, string? Mood = null, string? RequestId = null, string? Practice = null, PracticeFields? Fields = null);

/// <summary>A journal entry written (or, for a repeated request id, the one written first).</summary>
/// <param name="EntryId">The entry's id.</param>
/// <param name="Version">The log version of the entry.</param>
/// <param name="Duplicate">True when the request id had been used: nothing new was written.</param>
public sealed record JournalEntryWritten(string EntryId, long Version, bool Duplicate);

/// <summary>A journal entry as the user wrote it.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="PromptKind">The practice it answers, if any.</param>
/// <param name="Text">The entry.</param>
/// <param name="Mood">The mood label, if any.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="Version">Its log version.</param>
/// <param name="Practice">The practice it follows, when it named one.</param>
/// <param name="Fields">The practice's fields as written, when it had any.</param>
public sealed record JournalEntry(
    string Id, string? PromptKind, string Text, string? Mood, DateTimeOffset WrittenAt, long Version, string? Practice = null, PracticeFields? Fields = null);

/// <summary>Journal entries in a time range, oldest first.</summary>
/// <param name="Entries">The entries.</param>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Entries);
