using System.Security.Cryptography;

namespace Companion.EventLog.Encryption;

/// <summary>
/// Every stream's data key, from the key store through the master key ring: opened for a grain or
/// an export, created on a stream's first write, adopted from an archive on import, destroyed on
/// erasure, and rewrapped when the master key rotates.
/// </summary>
public sealed class StreamKeys(IDataKeyStore store, MasterKeyRing ring, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The master keys in use.</summary>
    public MasterKeyRing Ring => ring;

    /// <summary>The stream's entry in the key store (its wrapped key or its erasure), or null.</summary>
    public Task<DataKeyEntry?> GetEntryAsync(string stream, CancellationToken cancellationToken = default) =>
        store.GetAsync(stream, cancellationToken);

    /// <summary>The stream's cipher, or null when it has no key yet.</summary>
    /// <exception cref="StreamErasedException">The stream was erased.</exception>
    public async Task<PayloadCipher?> OpenAsync(string stream, CancellationToken cancellationToken = default) =>
        Open(stream, await store.GetAsync(stream, cancellationToken));

    /// <summary>The stream's cipher, creating its data key when it has none.</summary>
    /// <exception cref="StreamErasedException">The stream was erased.</exception>
    public async Task<PayloadCipher> OpenOrCreateAsync(string stream, CancellationToken cancellationToken = default)
    {
        var entry = await store.GetAsync(stream, cancellationToken);
        if (entry is null)
        {
            var dataKey = MasterKeyRing.NewKey();
            try
            {
                entry = await store.AddAsync(stream, ring.Wrap(stream, dataKey), cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        return Open(stream, entry) ?? throw new InvalidOperationException($"The key store kept no key for stream '{stream}'.");
    }

    /// <summary>
    /// Stores <paramref name="dataKey"/> as the stream's key (restoring an archive, whose
    /// ciphertext it opens). True when the stream now has this key; false when it already had
    /// another, and nothing was changed.
    /// </summary>
    /// <exception cref="StreamErasedException">The stream was erased.</exception>
    public async Task<bool> AdoptAsync(string stream, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        var stored = await store.AddAsync(stream, ring.Wrap(stream, dataKey.Span), cancellationToken);
        using var cipher = Open(stream, stored);
        var current = cipher?.ExportKey() ?? [];
        try
        {
            return CryptographicOperations.FixedTimeEquals(current, dataKey.Span);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(current);
        }
    }

    /// <summary>Destroys the stream's key and marks it erased: every copy of its ciphertext is unreadable from now on.</summary>
    public Task DestroyAsync(string stream, CancellationToken cancellationToken = default) =>
        store.DestroyAsync(stream, _clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Rewraps every data key still wrapped by a retired master key under the current one, so
    /// the retired key can then be dropped. Safe to run while the silo serves, and again.
    /// </summary>
    /// <returns>How many keys were rewrapped, and how many could not be (their master key is not in the ring).</returns>
    public async Task<(int Rewrapped, int Unreadable)> RewrapAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        int rewrapped = 0, unreadable = 0;
        await foreach (var entry in store.ListAsync(cancellationToken))
        {
            if (entry.Key is not { } key || key.MasterKeyId == ring.CurrentId)
            {
                continue;
            }

            if (!ring.Holds(key.MasterKeyId))
            {
                unreadable++;
                continue;
            }

            var dataKey = ring.Unwrap(entry.Stream, key);
            try
            {
                if (await store.RewrapAsync(entry.Stream, key, ring.Wrap(entry.Stream, dataKey), cancellationToken))
                {
                    rewrapped++;
                    progress?.Report(rewrapped);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        return (rewrapped, unreadable);
    }

    private PayloadCipher? Open(string stream, DataKeyEntry? entry)
    {
        if (entry is null)
        {
            return null;
        }

        if (entry.ErasedAt is { } erasedAt)
        {
            throw new StreamErasedException(stream, erasedAt);
        }

        if (entry.Key is not { } key)
        {
            return null;
        }

        var dataKey = ring.Unwrap(stream, key);
        try
        {
            return new PayloadCipher(stream, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }
}
