using System.Collections.Immutable;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;

namespace Companion.Continuity.Cards;

/// <summary>
/// A card read: the companion's name, its persona (holding the whole card in <see cref="Persona.Card"/>),
/// and what could not be kept, said to the caller rather than dropped silently. <see cref="Lorebook"/> is
/// the card's <c>character_book</c> read as the companion's lorebook (the card itself keeps it as it came).
/// <see cref="Picture"/> is the card's image (a PNG card's own, a CHARX's icon), to keep as the companion's picture.
/// </summary>
public sealed record CardReading(string Name, Persona Persona, ImmutableArray<string> Warnings, Lorebook? Lorebook = null, CardPicture? Picture = null);

/// <summary>A card's image and where in the card it was found (<see cref="AvatarSources"/>).</summary>
public sealed record CardPicture(byte[] Bytes, string Source);
