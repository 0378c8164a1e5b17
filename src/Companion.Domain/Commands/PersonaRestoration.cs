using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>
/// A request to put a companion's persona back as it was, at a stream version or a time (exactly
/// one of the two), for a reason.
/// </summary>
/// <param name="AtVersion">A stream version from the companion's creation to the head.</param>
/// <param name="AsOf">A time from the companion's creation on.</param>
/// <param name="Reason">Why, in the person's words (required: the history shows it).</param>
/// <param name="RequestId">The client's key: a repeat of a restore that is still the newest persona version writes nothing.</param>
[Immutable, GenerateSerializer, Alias("companion.persona-restore")]
public sealed record PersonaRestore(
    [property: Id(0)] long? AtVersion,
    [property: Id(1)] DateTimeOffset? AsOf,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string? RequestId);

/// <summary>
/// Decides a restore: the persona in force at the asked version or time, recorded as a new
/// <see cref="PersonaRevised"/> (the history is never rewritten). Pure, like <see cref="UserDecisions"/>.
/// </summary>
public static class PersonaRestoration
{
    /// <summary>
    /// The persona version a restore asks for, or a 400 saying what to send instead.
    /// </summary>
    public static PersonaVersion Target(PersonaHistory history, PersonaRestore restore)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(restore);
        return (restore.AtVersion, restore.AsOf) switch
        {
            ({ }, { }) => throw DomainException.Invalid("Send either 'atVersion' or 'asOf', not both."),
            (null, null) => throw DomainException.Invalid("Send 'atVersion' (a version from GET …/persona/history) or 'asOf' (a time): which persona to restore."),
            ({ } version, null) => history.InForceAt(version),
            (null, { } time) => history.InForceAsOf(time),
        };
    }

    /// <summary>
    /// The version a repeated keyed restore already wrote: when the newest persona version is a
    /// revision to the same persona with the same reason. Null when the request is new.
    /// </summary>
    /// <remarks>
    /// persona-revised (v2) stores no client key, so a retry is recognised by what it asks for
    /// against the newest version, not by its key; a keyed request asking the same again is that
    /// retry. An unkeyed one is refused by <see cref="Restore"/> as changing nothing.
    /// </remarks>
    public static PersonaVersion? AlreadyRestored(PersonaHistory history, PersonaRestore restore)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(restore);
        Validate.OptionalClientKey(restore.RequestId, "requestId");
        if (restore.RequestId is null)
        {
            return null;
        }

        var target = Target(history, restore);
        var current = history.Current;
        return current is { Kind: "revised" } && current.Reason == Reason(restore) && current.Persona.Equals(target.Persona)
            ? current
            : null;
    }

    /// <summary>The revision that puts the persona back; a 409 when it already is as it was.</summary>
    public static PersonaRevised Restore(UserState state, PersonaHistory history, PersonaRestore restore, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        var companion = UserDecisions.RequireCompanion(state, history.CompanionId);
        var target = Target(history, restore);
        var reason = Reason(restore);
        Validate.OptionalClientKey(restore.RequestId, "requestId");
        return companion.Persona.Equals(target.Persona)
            ? throw DomainException.Conflict($"The persona already is as it was at version {target.Version}; nothing was written.")
            : new PersonaRevised(history.CompanionId, target.Persona, reason, now);
    }

    private static string Reason(PersonaRestore restore) =>
        Validate.RequiredText(restore.Reason, "reason", Limits.MemoryText);
}
