using System.Collections.Immutable;

namespace Companion.Domain.Events;

/// <summary>
/// A companion's personality, in the fields of a Character Card V2 so it travels to other
/// software unchanged. <see cref="Extensions"/> is kept verbatim (a JSON object as text).
/// <see cref="Card"/>, for a companion that arrived as a Character Card, is that whole card as it
/// came (a JSON object as text, less our own extension key), so every field of it, known to us or
/// not, leaves again with the card; the fields above are read from it and win where revised.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.persona")]
public sealed record Persona(
    [property: Id(0)] string Description,
    [property: Id(1)] string Personality,
    [property: Id(2)] string Scenario,
    [property: Id(3)] string FirstMessage,
    [property: Id(4)] string ExampleMessages,
    [property: Id(5)] string SystemPrompt,
    [property: Id(6)] string CreatorNotes,
    [property: Id(7)] ImmutableArray<string> Tags,
    [property: Id(8)] string? Extensions,
    [property: Id(9)] string? Card = null)
{
    public static Persona Empty { get; } = new("", "", "", "", "", "", "", [], null);

    /// <summary>Every text field with its name, for validation and size accounting.</summary>
    public IEnumerable<(string Field, string Value)> TextFields()
    {
        yield return ("description", Description);
        yield return ("personality", Personality);
        yield return ("scenario", Scenario);
        yield return ("firstMessage", FirstMessage);
        yield return ("exampleMessages", ExampleMessages);
        yield return ("systemPrompt", SystemPrompt);
        yield return ("creatorNotes", CreatorNotes);
    }

    public bool Equals(Persona? other) =>
        other is not null
        && Description == other.Description && Personality == other.Personality
        && Scenario == other.Scenario && FirstMessage == other.FirstMessage
        && ExampleMessages == other.ExampleMessages && SystemPrompt == other.SystemPrompt
        && CreatorNotes == other.CreatorNotes && Extensions == other.Extensions && Card == other.Card
        && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(Description, Personality, SystemPrompt, Tags.Length);
}
