using System.Collections.Immutable;

namespace Companion.Domain.Journaling;

/// <summary>A journaling practice of the catalogue: how often, its prompt, example entries and its own fields.</summary>
/// <param name="Kind">Its stable name, e.g. <c>reframe-old-story</c>.</param>
/// <param name="Cadence">When it is meant for ("daily", "after a hard moment").</param>
/// <param name="Prompt">The question it asks.</param>
/// <param name="Examples">Entries someone might write.</param>
/// <param name="Fields">The structured fields an entry of this practice may carry, besides its text and mood.</param>
public sealed record Practice(string Kind, string Cadence, string Prompt, ImmutableArray<string> Examples, ImmutableArray<PracticeField> Fields);

/// <summary>One structured field of a practice.</summary>
/// <param name="Name">Its JSON name in an entry's <c>fields</c>, e.g. <c>oldStory</c>.</param>
/// <param name="Prompt">What it asks for.</param>
public sealed record PracticeField(string Name, string Prompt);
