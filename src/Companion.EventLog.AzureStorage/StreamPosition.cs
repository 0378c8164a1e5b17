using Azure;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// Where a stream's next append goes, as this log last saw it: the newest segment, its length
/// (the append position the next block must find), its committed block count and ETag, and the
/// stream head. Only a hint: every append is conditional on <see cref="Length"/>, so a stale
/// position costs a re-read, never a fork.
/// </summary>
/// <param name="Segment">The newest segment's number; 0 when the stream has none.</param>
/// <param name="Length">The newest segment's length in bytes: the next append position.</param>
/// <param name="Blocks">The newest segment's committed append blocks.</param>
/// <param name="ETag">The newest segment's ETag, which sealing is conditional on.</param>
/// <param name="Sealed">Whether the newest segment is known to be sealed.</param>
/// <param name="Head">The stream's head, from the newest envelope stored.</param>
/// <param name="UpdatedAt">When that envelope was stored.</param>
/// <param name="HeadCached">Whether the segment's metadata already caches this head (or the segment is empty), so sealing it needs no metadata write first.</param>
internal sealed record StreamPosition(int Segment, long Length, int Blocks, ETag ETag, bool Sealed, StreamHead Head, DateTimeOffset UpdatedAt, bool HeadCached)
{
    public static StreamPosition None { get; } = new(0, 0, 0, default, false, StreamHead.Empty, default, true);

    /// <summary>The next block must start a new segment: there is none yet, or the newest is sealed or full.</summary>
    public bool NeedsNewSegment(int maxBlocksPerSegment) => Segment == 0 || Sealed || Blocks >= maxBlocksPerSegment;

    /// <summary>Whether this position is at least as far along as <paramref name="other"/>.</summary>
    public bool IsNotBehind(StreamPosition other) =>
        Segment > other.Segment || (Segment == other.Segment && Length >= other.Length);
}
