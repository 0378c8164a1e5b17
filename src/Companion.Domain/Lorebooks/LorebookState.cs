namespace Companion.Domain.Lorebooks;

/// <summary>
/// A companion's current lorebook and where it stands: what it came as (<see cref="LorebookSources"/>),
/// the version that imported it and the version of its latest change. A book that came with the
/// companion's card and never changed since leaves again inside that card untouched.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.lorebook-state")]
public sealed record LorebookState(
    [property: Id(0)] Lorebook Book,
    [property: Id(1)] string Source,
    [property: Id(2)] long ImportedVersion,
    [property: Id(3)] long ChangedVersion)
{
    /// <summary>True while the book is the one the companion's card carried, unchanged.</summary>
    public bool IsTheCardsOwn => Source == LorebookSources.Card && ChangedVersion == ImportedVersion;
}

/// <summary>What a lorebook was imported from.</summary>
public static class LorebookSources
{
    /// <summary>The <c>character_book</c> of the card the companion was created from.</summary>
    public const string Card = "card";

    /// <summary>A Character Card V2/V3 <c>character_book</c> object sent on its own.</summary>
    public const string CharacterBook = "character_book";

    /// <summary>A <c>{"spec":"lorebook_v3","data":…}</c> file.</summary>
    public const string LorebookV3 = "lorebook_v3";

    /// <summary>A SillyTavern World Info file (<c>entries</c> keyed by uid).</summary>
    public const string WorldInfo = "world_info";

    /// <summary>No book was imported: entries were set one by one.</summary>
    public const string Entries = "entries";
}
