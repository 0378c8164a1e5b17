using System.Collections.Immutable;

namespace Companion.Grains.Imports;

/// <summary>
/// How an archive import ended. Every outcome but <see cref="Imported"/> and
/// <see cref="StateMismatch"/> wrote nothing.
/// </summary>
public abstract record ImportOutcome
{
    private ImportOutcome()
    {
    }

    /// <summary>The history was restored and the user's grain derives the archive's state from it.</summary>
    public sealed record Imported(string UserId, long Version, string HeadHash) : ImportOutcome;

    /// <summary>The archive failed verification (or names an id this service does not use).</summary>
    /// <param name="Problems">What is wrong, one sentence each.</param>
    /// <param name="TooLarge">True when it was refused for its size or compression.</param>
    public sealed record Invalid(ImmutableArray<string> Problems, bool TooLarge) : ImportOutcome;

    /// <summary>The archive's user was erased here; an erased id is never used again.</summary>
    public sealed record Erased(string UserId, DateTimeOffset At) : ImportOutcome;

    /// <summary>The user already has events here; an archive is restored only into an empty stream.</summary>
    public sealed record Exists(string UserId, long Version) : ImportOutcome;

    /// <summary>The user already has another data key here.</summary>
    public sealed record KeyConflict(string UserId) : ImportOutcome;

    /// <summary>The event log cannot take the whole history in one atomic append.</summary>
    public sealed record TooLargeForProvider(string UserId, string Reason) : ImportOutcome;

    /// <summary>
    /// The events were written, but the state the grain derives from them is not the archive's:
    /// a defect of this software, not of the archive. The user must not be used.
    /// </summary>
    public sealed record StateMismatch(string UserId, long Version, string HeadHash, string StateHash, string ArchiveStateHash) : ImportOutcome;
}
