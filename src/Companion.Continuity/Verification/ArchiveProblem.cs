namespace Companion.Continuity.Verification;

/// <summary>What kind of thing is wrong with an archive.</summary>
public enum ArchiveProblemKind
{
    /// <summary>The file is not a zip archive at all.</summary>
    NotAnArchive,

    /// <summary>An entry name would climb out of the folder it is unpacked into (<c>..</c>, an absolute path, a drive).</summary>
    UnsafeEntry,

    /// <summary>An entry that is not part of the format, or not part of this history.</summary>
    UnexpectedEntry,

    /// <summary>An entry the format or this history requires is missing.</summary>
    MissingEntry,

    /// <summary>An entry, or the whole archive, is larger or more compressed than the limits allow.</summary>
    TooLarge,

    /// <summary>An entry cannot be read: not JSON, not UTF-8, a missing field, an unknown format version.</summary>
    Malformed,

    /// <summary>The events do not form one unbroken history: a gap, a reordering, a hash that does not recompute, an unknown event type.</summary>
    BrokenHistory,

    /// <summary>The manifest, snapshot or a human-readable file disagrees with the events.</summary>
    Mismatch,
}

/// <summary>One thing wrong with an archive, said so that a person can find it.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">Which entry, line or version, and what was expected against what was found.</param>
public sealed record ArchiveProblem(ArchiveProblemKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
