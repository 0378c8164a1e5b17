namespace Companion.Client;

/// <summary>A memory for a companion to keep.</summary>
/// <param name="Text">What to remember (at most 4,000 characters).</param>
/// <param name="Kind">A label ("insight", "preference"); 1–40 letters, digits, spaces, '-', '_'.</param>
/// <param name="Salience">How much it matters, 0 to 1; salient memories come first in the context.</param>
/// <param name="Pinned">True to keep it in every context.</param>
/// <param name="RequestId">A client key: sending it again records nothing more and answers with the first result.</param>
/// <param name="Supersedes">The id of the memory this one replaces; that one is kept as history, marked as superseded.</param>
/// <param name="ValidFrom">When the fact began to hold in the world (not when it is recorded); null when unknown.</param>
/// <param name="ValidTo">When the fact stops or stopped holding; after <paramref name="ValidFrom"/>.</param>
public sealed record NewMemory(
    string Text, string? Kind = null, double? Salience = null, bool? Pinned = null, string? RequestId = null,
    string? Supersedes = null, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidTo = null);

/// <summary>A companion's memories at one log version, oldest first.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Version">The log version the list is of.</param>
/// <param name="ValidAt">The world time the list was filtered by, if one was given.</param>
/// <param name="Memories">The memories.</param>
public sealed record MemoryList(string CompanionId, long Version, DateTimeOffset? ValidAt, IReadOnlyList<Memory> Memories);

/// <summary>A memory recorded, pinned, unpinned or forgotten.</summary>
/// <param name="MemoryId">The memory's id.</param>
/// <param name="Version">The log version of the event.</param>
/// <param name="Duplicate">True when the request id had been used: nothing new was written.</param>
public sealed record MemoryWritten(string MemoryId, long Version, bool Duplicate);

/// <summary>A reset put in force or undone.</summary>
/// <param name="ResetId">The reset's id.</param>
/// <param name="Version">The log version of the event.</param>
/// <param name="Duplicate">True when the request id had been used: nothing new was written.</param>
public sealed record CompanionReset(string ResetId, long Version, bool Duplicate);
