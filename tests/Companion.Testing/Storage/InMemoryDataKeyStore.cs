using System.Runtime.CompilerServices;
using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.Testing.Storage;

/// <summary>A key store in process memory, for unit tests; nothing survives the process.</summary>
public sealed class InMemoryDataKeyStore : IDataKeyStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, DataKeyEntry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<DataKeyEntry?> GetAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(stream));
        }
    }

    /// <inheritdoc />
    public Task<DataKeyEntry> AddAsync(string stream, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_entries.TryGetValue(stream, out var entry))
            {
                entry = new DataKeyEntry(stream, key with { Wrapped = key.Wrapped.ToArray() }, null);
                _entries[stream] = entry;
            }

            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc />
    public Task<bool> RewrapAsync(string stream, WrappedDataKey expected, WrappedDataKey replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_gate)
        {
            if (_entries.TryGetValue(stream, out var entry) && entry.Key is { } key && key.SameAs(expected))
            {
                _entries[stream] = entry with { Key = replacement with { Wrapped = replacement.Wrapped.ToArray() } };
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    /// <inheritdoc />
    public Task DestroyAsync(string stream, DateTimeOffset erasedAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(stream, out var entry) && entry.Key is { } key
                && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(key.Wrapped, out var bytes) && bytes.Array is { } array)
            {
                Array.Clear(array, bytes.Offset, bytes.Count);
            }

            _entries[stream] = new DataKeyEntry(stream, null, entry?.ErasedAt ?? erasedAt);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DataKeyEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        DataKeyEntry[] copy;
        lock (_gate)
        {
            copy = [.. _entries.Values];
        }

        foreach (var entry in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }
}
