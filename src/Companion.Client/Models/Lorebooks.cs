using System.Text.Json.Serialization;

namespace Companion.Client;

/// <summary>A companion's lorebook as it is now.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Source">What it was imported from (<c>card</c>, <c>character_book</c>, <c>lorebook_v3</c>, <c>world_info</c>, or <c>entries</c> set one by one); null when it has none.</param>
/// <param name="ImportedVersion">The log version that imported it.</param>
/// <param name="ChangedVersion">The log version of its latest change.</param>
/// <param name="Book">The book (empty when there is none).</param>
public sealed record LorebookView(string CompanionId, string? Source, long? ImportedVersion, long? ChangedVersion, Lorebook Book);

/// <summary>A lorebook: the Character Card V3 lorebook fields.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description.</param>
/// <param name="ScanDepth">How many recent messages are scanned for keys.</param>
/// <param name="TokenBudget">Tokens its entries may use in the context.</param>
/// <param name="RecursiveScanning">Whether included entries are scanned for keys too.</param>
/// <param name="Extensions">Its extensions, as JSON text.</param>
/// <param name="Entries">Its entries.</param>
/// <param name="Unknown">Fields outside the specification, kept as JSON text.</param>
public sealed record Lorebook(
    string? Name,
    string? Description,
    int? ScanDepth,
    int? TokenBudget,
    bool? RecursiveScanning,
    string? Extensions,
    IReadOnlyList<LorebookEntry> Entries,
    string? Unknown);

/// <summary>A lorebook entry as stored.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Keys">The words that bring it into the context.</param>
/// <param name="SecondaryKeys">Words that must also occur, when it is selective.</param>
/// <param name="Content">What goes into the context.</param>
/// <param name="Enabled">False when disabled: kept, never matched.</param>
/// <param name="InsertionOrder">Its order among included entries.</param>
/// <param name="CaseSensitive">Whether keys match case-sensitively.</param>
/// <param name="UseRegex">Whether keys are regular expressions.</param>
/// <param name="Constant">Whether it is always included.</param>
/// <param name="Selective">Whether a secondary key must occur too.</param>
/// <param name="Name">Its name.</param>
/// <param name="Priority">Which entries go first when the budget is short.</param>
/// <param name="Comment">A note about it.</param>
/// <param name="Position">Where it goes (<c>before_char</c>, <c>after_char</c>).</param>
/// <param name="Extensions">Its extensions, as JSON text.</param>
/// <param name="Unknown">Fields outside the specification, kept as JSON text.</param>
public sealed record LorebookEntry(
    string Id,
    IReadOnlyList<string> Keys,
    IReadOnlyList<string> SecondaryKeys,
    string Content,
    bool Enabled,
    double InsertionOrder,
    bool? CaseSensitive,
    bool UseRegex,
    bool? Constant,
    bool? Selective,
    string? Name,
    double? Priority,
    string? Comment,
    string? Position,
    string? Extensions,
    string? Unknown);

/// <summary>One lorebook entry to set, in Character Card <c>character_book</c> entry fields; null ones are left out.</summary>
/// <param name="Keys">The words that bring it into the context.</param>
/// <param name="Content">What goes into the context.</param>
/// <param name="Enabled">False to keep it without matching it (default true).</param>
/// <param name="InsertionOrder">Its order among included entries (default 0).</param>
/// <param name="SecondaryKeys">Words that must also occur, when it is selective.</param>
/// <param name="Selective">Whether a secondary key must occur too.</param>
/// <param name="Constant">Whether it is always included.</param>
/// <param name="CaseSensitive">Whether keys match case-sensitively.</param>
/// <param name="Name">Its name.</param>
/// <param name="Priority">Which entries go first when the budget is short.</param>
/// <param name="Comment">A note about it.</param>
/// <param name="Position"><c>before_char</c> or <c>after_char</c>.</param>
public sealed record LorebookEntryFields(
    [property: JsonPropertyName("keys")] IReadOnlyList<string> Keys,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("enabled")] bool? Enabled = null,
    [property: JsonPropertyName("insertion_order")] double? InsertionOrder = null,
    [property: JsonPropertyName("secondary_keys")] IReadOnlyList<string>? SecondaryKeys = null,
    [property: JsonPropertyName("selective")] bool? Selective = null,
    [property: JsonPropertyName("constant")] bool? Constant = null,
    [property: JsonPropertyName("case_sensitive")] bool? CaseSensitive = null,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("priority")] double? Priority = null,
    [property: JsonPropertyName("comment")] string? Comment = null,
    [property: JsonPropertyName("position")] string? Position = null);

/// <summary>A lorebook imported, replacing the one before.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Version">The log version that recorded it.</param>
/// <param name="Source">What it was read as (<c>character_book</c>, <c>lorebook_v3</c>, <c>card</c>, <c>world_info</c>).</param>
/// <param name="Entries">How many entries it holds.</param>
/// <param name="Warnings">What of the file is not kept, or was read by assumption.</param>
public sealed record LorebookImported(string CompanionId, long Version, string Source, int Entries, IReadOnlyList<string> Warnings);

/// <summary>A lorebook entry set, disabled or removed.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Version">The log version of the change.</param>
public sealed record LorebookEntryChanged(string EntryId, long Version);

/// <summary>A lorebook entry the context included.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Name">Its name.</param>
/// <param name="Content">What it put in the context.</param>
/// <param name="Position">Where it goes.</param>
/// <param name="InsertionOrder">Its order.</param>
/// <param name="Reason">Why it was included (<c>constant</c>, <c>key</c>).</param>
/// <param name="MatchedKey">The key that matched, when one did.</param>
/// <param name="Tokens">Tokens it uses.</param>
public sealed record LoreInclusion(string EntryId, string? Name, string Content, string? Position, double InsertionOrder, string Reason, string? MatchedKey, int Tokens);

/// <summary>Why a lorebook entry was left out of the context.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Note">Why.</param>
public sealed record LoreNote(string EntryId, string Note);
