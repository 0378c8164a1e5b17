using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Continuity.Cards;

/// <summary>
/// A card read: the companion's name, its persona (holding the whole card in <see cref="Persona.Card"/>),
/// and what could not be kept, said to the caller rather than dropped silently.
/// </summary>
public sealed record CardReading(string Name, Persona Persona, ImmutableArray<string> Warnings);
