namespace Companion.EventLog.Encryption;

/// <summary>A stream's data key as stored: encrypted ("wrapped") by a master key, never in the clear.</summary>
/// <param name="MasterKeyId">Which master key wrapped it (see <see cref="MasterKeyRing"/>).</param>
/// <param name="Wrapped">The nonce, the encrypted key and the tag.</param>
public sealed record WrappedDataKey(string MasterKeyId, ReadOnlyMemory<byte> Wrapped)
{
    /// <summary>True when both name the same wrapping, byte for byte.</summary>
    public bool SameAs(WrappedDataKey other) =>
        string.Equals(MasterKeyId, other.MasterKeyId, StringComparison.Ordinal) && Wrapped.Span.SequenceEqual(other.Wrapped.Span);
}

/// <summary>What a key store holds for a stream: its wrapped data key, or the mark that it was erased.</summary>
/// <param name="Stream">The stream (a user id).</param>
/// <param name="Key">The wrapped data key; null once the stream was erased.</param>
/// <param name="ErasedAt">When the stream was erased and its key destroyed; null while it lives.</param>
public sealed record DataKeyEntry(string Stream, WrappedDataKey? Key, DateTimeOffset? ErasedAt)
{
    /// <summary>True when the stream was erased: its key is gone for good.</summary>
    public bool IsErased => ErasedAt is not null;
}

/// <summary>
/// Keeps every stream's wrapped data key, apart from the events (another file, another
/// container), so that a copy of the events alone reads as ciphertext. Destroying a key is what
/// makes an erasure reach every copy of the events, backups included.
/// </summary>
public interface IDataKeyStore
{
    /// <summary>The stream's entry, or null when it never had a key.</summary>
    Task<DataKeyEntry?> GetAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a key for a stream that has none. Returns what is stored afterwards: this key, or
    /// the key another writer stored first, or the erasure mark (nothing is stored then).
    /// </summary>
    Task<DataKeyEntry> AddAsync(string stream, WrappedDataKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a stream's wrapping with another of the same data key (master key rotation), only
    /// while <paramref name="expected"/> is still the stored one. False when it was not.
    /// </summary>
    Task<bool> RewrapAsync(string stream, WrappedDataKey expected, WrappedDataKey replacement, CancellationToken cancellationToken = default);

    /// <summary>
    /// Destroys a stream's key for good (overwritten on disk, not merely unlinked, where the
    /// storage allows) and marks the stream erased, so no key is ever stored for it again.
    /// Destroying a destroyed or unknown stream's key marks it erased and is otherwise a no-op.
    /// </summary>
    Task DestroyAsync(string stream, DateTimeOffset erasedAt, CancellationToken cancellationToken = default);

    /// <summary>Every entry, erased ones included, in ordinal order of the stream names.</summary>
    IAsyncEnumerable<DataKeyEntry> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The stream was erased at the user's request: nothing of it can be read or written again.</summary>
public sealed class StreamErasedException(string stream, DateTimeOffset erasedAt)
    : Exception($"Stream '{stream}' was erased at {erasedAt:O}; its key is destroyed and nothing of it can be read or written.")
{
    /// <summary>The erased stream.</summary>
    public string Stream { get; } = stream;

    /// <summary>When it was erased.</summary>
    public DateTimeOffset ErasedAt { get; } = erasedAt;
}
