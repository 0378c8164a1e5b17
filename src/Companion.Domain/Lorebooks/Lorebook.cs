using System.Collections.Immutable;

namespace Companion.Domain.Lorebooks;

/// <summary>
/// A companion's lorebook in one model, whatever it came as (a card's <c>character_book</c>, a
/// <c>lorebook_v3</c> file, a SillyTavern World Info file). The fields are those of the Character
/// Card V3 Lorebook object; <see cref="Extensions"/> is its <c>extensions</c> object and
/// <see cref="Unknown"/> every other field it carried (both JSON objects as text), so nothing a
/// book held is lost on the way through.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.lorebook")]
public sealed record Lorebook(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] int? ScanDepth,
    [property: Id(3)] int? TokenBudget,
    [property: Id(4)] bool? RecursiveScanning,
    [property: Id(5)] string? Extensions,
    [property: Id(6)] ImmutableArray<LorebookEntry> Entries,
    [property: Id(7)] string? Unknown)
{
    /// <summary>The entry with <paramref name="entryId"/>, or null.</summary>
    public LorebookEntry? Find(string entryId) => Entries.FirstOrDefault(e => e.Id == entryId);

    public bool Equals(Lorebook? other) =>
        other is not null && Name == other.Name && Description == other.Description && ScanDepth == other.ScanDepth
        && TokenBudget == other.TokenBudget && RecursiveScanning == other.RecursiveScanning
        && Extensions == other.Extensions && Unknown == other.Unknown && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => HashCode.Combine(Name, Entries.Length);
}

/// <summary>
/// One lorebook entry: the Character Card V3 entry fields. <see cref="Id"/> is the entry's own id
/// (one is given where the book had none); <see cref="Extensions"/> holds application fields
/// (SillyTavern's <c>selectiveLogic</c>, <c>match_whole_words</c>, <c>scan_depth</c>, …) and
/// <see cref="Unknown"/> any other field, both JSON objects as text.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.lorebook-entry")]
public sealed record LorebookEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<string> Keys,
    [property: Id(2)] ImmutableArray<string> SecondaryKeys,
    [property: Id(3)] string Content,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] double InsertionOrder,
    [property: Id(6)] bool? CaseSensitive,
    [property: Id(7)] bool UseRegex,
    [property: Id(8)] bool? Constant,
    [property: Id(9)] bool? Selective,
    [property: Id(10)] string? Name,
    [property: Id(11)] double? Priority,
    [property: Id(12)] string? Comment,
    [property: Id(13)] string? Position,
    [property: Id(14)] string? Extensions,
    [property: Id(15)] string? Unknown)
{
    public bool Equals(LorebookEntry? other) =>
        other is not null && Id == other.Id && Content == other.Content && Enabled == other.Enabled
        && InsertionOrder.Equals(other.InsertionOrder) && CaseSensitive == other.CaseSensitive && UseRegex == other.UseRegex
        && Constant == other.Constant && Selective == other.Selective && Name == other.Name && Priority.Equals(other.Priority)
        && Comment == other.Comment && Position == other.Position && Extensions == other.Extensions && Unknown == other.Unknown
        && Keys.SequenceEqual(other.Keys) && SecondaryKeys.SequenceEqual(other.SecondaryKeys);

    public override int GetHashCode() => HashCode.Combine(Id, Content);
}
