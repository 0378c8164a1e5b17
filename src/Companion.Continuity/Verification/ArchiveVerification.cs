using System.Collections.Immutable;

namespace Companion.Continuity.Verification;

/// <summary>The outcome of verifying an archive: valid, or the list of what is wrong.</summary>
/// <param name="Problems">Everything found wrong; empty when the archive is valid.</param>
/// <param name="Summary">What the archive holds, as its events say; null when the events could not be read through.</param>
public sealed record ArchiveVerification(ImmutableArray<ArchiveProblem> Problems, ArchiveSummary? Summary)
{
    /// <summary>
    /// What was deliberately not compared, and why: the readable files of an archive written by
    /// another version of the software (which may render them differently), or a snapshot of
    /// another state schema. Neither is restored; the events are.
    /// </summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.IsEmpty && Summary is not null;

    /// <summary>True when the archive was refused for its size or compression.</summary>
    public bool IsTooLarge => Problems.Any(p => p.Kind == ArchiveProblemKind.TooLarge);

    /// <summary>The problems, one a line.</summary>
    public string Describe() => string.Join('\n', Problems.Select(p => p.Message));
}

/// <summary>What a verified archive holds.</summary>
/// <param name="UserId">The user (and stream).</param>
/// <param name="DisplayName">The user's display name.</param>
/// <param name="Version">The version of the newest event.</param>
/// <param name="HeadHash">The hash of the newest event.</param>
/// <param name="StateHash">The hash of the state derived from all events.</param>
/// <param name="EventCounts">Events by stored type name.</param>
/// <param name="FirstEventAt">When the oldest event happened.</param>
/// <param name="LastEventAt">When the newest event happened.</param>
/// <param name="Companions">Each companion's id and name.</param>
/// <param name="Sessions">How many conversation sessions there are.</param>
/// <param name="JournalEntries">How many journal entries there are.</param>
public sealed record ArchiveSummary(
    string UserId,
    string DisplayName,
    long Version,
    string HeadHash,
    string StateHash,
    ImmutableSortedDictionary<string, long> EventCounts,
    DateTimeOffset FirstEventAt,
    DateTimeOffset LastEventAt,
    ImmutableArray<ArchivedCompanion> Companions,
    int Sessions,
    int JournalEntries);

/// <summary>How far a verification has read through <c>events.jsonl</c>.</summary>
/// <param name="Events">Events checked so far.</param>
/// <param name="Bytes">Bytes of <c>events.jsonl</c> read so far.</param>
/// <param name="TotalBytes">Its declared size.</param>
public sealed record ArchiveProgress(long Events, long Bytes, long TotalBytes);

/// <summary>A companion an archive holds.</summary>
/// <param name="Id">The companion's id.</param>
/// <param name="Name">Its name.</param>
public sealed record ArchivedCompanion(string Id, string Name);
