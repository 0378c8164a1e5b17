using System.Text.Json;

namespace Companion.Client;

/// <summary>Every version of a companion's persona.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Head">The log version the history was read up to.</param>
/// <param name="Versions">Its creation, then each revision, oldest first.</param>
public sealed record PersonaHistory(string CompanionId, long Head, IReadOnlyList<PersonaVersion> Versions);

/// <summary>One version of a persona.</summary>
/// <param name="Version">The log version of the event that set it.</param>
/// <param name="At">When it was set.</param>
/// <param name="Kind"><c>created</c> or <c>revised</c>.</param>
/// <param name="Reason">The reason given with a revision, if any.</param>
/// <param name="SameAsVersion">The earliest earlier version it equals exactly (a restore); null when new.</param>
/// <param name="Persona">The whole persona as it was then.</param>
public sealed record PersonaVersion(long Version, DateTimeOffset At, string Kind, string? Reason, long? SameAsVersion, Persona Persona);

/// <summary>The fields that differ from one persona version to another.</summary>
/// <param name="From">The earlier version asked for.</param>
/// <param name="To">The later version asked for.</param>
/// <param name="Changes">Each field that differs.</param>
public sealed record PersonaDiff(long From, long To, IReadOnlyList<PersonaFieldChange> Changes);

/// <summary>One field that differs.</summary>
/// <param name="Field">The field's name; <c>extensions.&lt;key&gt;</c> for an extension.</param>
/// <param name="Change"><c>added</c>, <c>removed</c> or <c>changed</c>.</param>
/// <param name="Before">Its value before, as JSON; null when absent.</param>
/// <param name="After">Its value after, as JSON; null when absent.</param>
public sealed record PersonaFieldChange(string Field, string Change, JsonElement? Before, JsonElement? After);

/// <summary>Which persona to put back: exactly one of a log version and a time, and why.</summary>
/// <param name="AtVersion">A log version from the companion's creation to the head.</param>
/// <param name="AsOf">A time from the companion's creation on.</param>
/// <param name="Reason">Why (shown in the history).</param>
/// <param name="RequestId">A client key: sending the same restore again writes nothing.</param>
public sealed record PersonaRestore(long? AtVersion = null, DateTimeOffset? AsOf = null, string? Reason = null, string? RequestId = null);

/// <summary>A restore recorded (or, for a repeat, the one recorded first).</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Version">The log version of the revision that restored it.</param>
/// <param name="Duplicate">True when it was a repeat: nothing new was written.</param>
public sealed record PersonaRestored(string CompanionId, long Version, bool Duplicate);

/// <summary>What changed about a companion, newest first.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Changes">Each change.</param>
public sealed record CompanionChanges(string CompanionId, IReadOnlyList<CompanionChange> Changes);

/// <summary>Something that changed about a companion.</summary>
/// <param name="Version">The log version that recorded it.</param>
/// <param name="At">When.</param>
/// <param name="Kind"><c>created</c>, <c>persona-revised</c>, <c>persona-restored</c>, <c>runtime-changed</c>, <c>reset</c>, <c>reset-undone</c>, <c>memory-forgotten</c>, <c>memory-superseded</c> or <c>memory-ended</c>.</param>
/// <param name="Summary">What changed, in a sentence.</param>
/// <param name="Fields">For persona changes, the fields that changed.</param>
public sealed record CompanionChange(long Version, DateTimeOffset At, string Kind, string Summary, IReadOnlyList<string> Fields);
