using System.Collections.Immutable;
using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Domain.Projections;

/// <summary>
/// One version of a companion's persona: the event that set it (its creation or a revision),
/// when, why, and the whole persona as it was then.
/// </summary>
/// <param name="Version">The stream version of the event that set it.</param>
/// <param name="At">When it was set.</param>
/// <param name="Kind"><c>created</c> or <c>revised</c>.</param>
/// <param name="Reason">The reason given with a revision, if any.</param>
/// <param name="SameAsVersion">
/// The earliest earlier version whose persona this one equals exactly (a restore, or a change made
/// and then made back); null when it is new.
/// </param>
/// <param name="Persona">The persona as it was set.</param>
[Immutable, GenerateSerializer, Alias("companion.persona-version")]
public sealed record PersonaVersion(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? Reason,
    [property: Id(4)] long? SameAsVersion,
    [property: Id(5)] Persona Persona);

/// <summary>
/// Every version of a companion's persona, oldest first, as the log recorded them, with the
/// stream version it was read up to. History is never rewritten: a restore is one more version.
/// </summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Head">The stream version the history was read up to.</param>
/// <param name="Versions">Its creation, then every revision, oldest first.</param>
[Immutable, GenerateSerializer, Alias("companion.persona-history")]
public sealed record PersonaHistory(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] long Head,
    [property: Id(2)] ImmutableArray<PersonaVersion> Versions)
{
    /// <summary>The companion's creation.</summary>
    public PersonaVersion Created => Versions[0];

    /// <summary>The persona in force now.</summary>
    public PersonaVersion Current => Versions[^1];

    /// <summary>The version set by the event at <paramref name="version"/>; a 400 naming the versions there are otherwise.</summary>
    public PersonaVersion Find(long version, string parameter) =>
        Versions.FirstOrDefault(v => v.Version == version)
        ?? throw DomainException.Invalid(
            $"'{parameter}' must be one of this persona's versions ({string.Join(", ", Versions.Select(v => v.Version))}); it was {version}.");

    /// <summary>The persona in force at stream version <paramref name="version"/>: the newest set at or before it.</summary>
    public PersonaVersion InForceAt(long version)
    {
        if (version > Head)
        {
            throw DomainException.Invalid($"'atVersion' {version} is beyond this user's head version {Head}; give {Created.Version} to {Head}.");
        }

        return version < Created.Version
            ? throw DomainException.Invalid($"'atVersion' {version} is before companion '{CompanionId}' existed; it was created at version {Created.Version}, so give {Created.Version} to {Head}.")
            : Versions.Last(v => v.Version <= version);
    }

    /// <summary>The persona in force at <paramref name="time"/>: the newest set at or before it.</summary>
    public PersonaVersion InForceAsOf(DateTimeOffset time) =>
        time < Created.At
            ? throw DomainException.Invalid($"'asOf' {time:O} is before companion '{CompanionId}' existed; it was created at {Created.At:O}.")
            : Versions.Last(v => v.At <= time);
}
