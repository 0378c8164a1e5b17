namespace Companion.Grains;

/// <summary>
/// When a user grain writes a snapshot: after a confirmed write that leaves more than
/// <see cref="EventThreshold"/> events or <see cref="ByteThreshold"/> payload bytes since the
/// last one. Activation then replays at most about that much, however long the history.
/// </summary>
public sealed class SnapshotOptions
{
    public int EventThreshold { get; set; } = 500;

    public long ByteThreshold { get; set; } = 1024 * 1024;
}
