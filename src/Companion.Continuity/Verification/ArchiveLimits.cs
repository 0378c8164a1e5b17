namespace Companion.Continuity.Verification;

/// <summary>
/// How large an archive may be before it is refused unread: a zip can claim, or expand to, far
/// more than it occupies (a zip bomb), so sizes and compression ratios are bounded before any
/// entry is decompressed, and every read stops at the size its entry declared.
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

    /// <summary>The largest ratio of expanded to compressed size. Text compresses about 3 to 10 times; runs of zeros about 1,000. Default 200.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Entries smaller than this many expanded bytes are not held to the ratio: they cannot hurt. Default 64 KiB.</summary>
    public long RatioFloorBytes { get; init; } = 64 * 1024;

    /// <summary>The defaults.</summary>
    public static ArchiveLimits Default { get; } = new();
}
