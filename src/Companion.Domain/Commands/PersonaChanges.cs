using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.Commands;

/// <summary>A partial persona: fields left null keep their current value; the card it came from is kept.</summary>
[Immutable, GenerateSerializer, Alias("companion.persona-changes")]
public sealed record PersonaChanges(
    [property: Id(0)] string? Description = null,
    [property: Id(1)] string? Personality = null,
    [property: Id(2)] string? Scenario = null,
    [property: Id(3)] string? FirstMessage = null,
    [property: Id(4)] string? ExampleMessages = null,
    [property: Id(5)] string? SystemPrompt = null,
    [property: Id(6)] string? CreatorNotes = null,
    [property: Id(7)] ImmutableArray<string>? Tags = null,
    [property: Id(8)] string? Extensions = null)
{
    public Persona ApplyTo(Persona persona) => new(
        Description ?? persona.Description,
        Personality ?? persona.Personality,
        Scenario ?? persona.Scenario,
        FirstMessage ?? persona.FirstMessage,
        ExampleMessages ?? persona.ExampleMessages,
        SystemPrompt ?? persona.SystemPrompt,
        CreatorNotes ?? persona.CreatorNotes,
        Tags ?? persona.Tags,
        Extensions ?? persona.Extensions,
        persona.Card);
}
