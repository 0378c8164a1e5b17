using System.Collections.Immutable;
using Companion.Domain.Lorebooks;

namespace Companion.Continuity.Lorebooks;

/// <summary>A lorebook read, what it came as (<see cref="LorebookSources"/>), and anything the caller should know about how it was read.</summary>
public sealed record LorebookReading(Lorebook Book, string Source, ImmutableArray<string> Warnings);
