namespace Companion.Continuity.Verification;

/// <summary>
/// How much an archive may cost to verify: a zip can expand to far more than it occupies (a zip
/// bomb), so the declared sizes of its entries, alone and in all, and their count are bounded
/// before any entry is decompressed; every read is then held to the size (and CRC-32) its entry
/// declared, and the whole verification to a time. The compression ratio is not bounded: a
/// history of repeated words legitimately compresses a thousand times, and its expanded size is
/// what costs.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>The most bytes <c>events.jsonl</c> may expand to. Default 512 MiB.</summary>
    public long MaxEventsBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The most bytes any other entry may expand to. Default 128 MiB.</summary>
    public long MaxEntryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>The most bytes all entries together may expand to. Default 1 GiB.</summary>
    public long MaxTotalBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>The most entries an archive may hold. Default 100,000.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>The longest a verification may take before it gives up. Default 10 minutes.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The defaults.</summary>
    public static ArchiveLimits Default { get; } = new();
}
