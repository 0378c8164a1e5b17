using System.Security.Cryptography;
using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Conformance;

/// <summary>
/// The behaviour every <see cref="IDataKeyStore"/> must show. A store adopts it in one line:
/// <c>public sealed class XxxDataKeyStoreTests : DataKeyStoreConformanceTests&lt;XxxFixture&gt;;</c>
/// Each test gets a fresh fixture, so a fresh, empty store.
/// </summary>
public abstract partial class DataKeyStoreConformanceTests<TFixture> : IAsyncLifetime
    where TFixture : IDataKeyStoreFixture, new()
{
    /// <summary>Erasure times with whole milliseconds, the finest every store keeps.</summary>
    protected static readonly DateTimeOffset FirstErasure = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    /// <summary>A later erasure time than <see cref="FirstErasure"/>.</summary>
    protected static readonly DateTimeOffset LaterErasure = FirstErasure.AddDays(3);

    private readonly TFixture _fixture = new();
    private IDataKeyStore? _store;

    /// <summary>The store under test.</summary>
    protected IDataKeyStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await _fixture.CreateStoreAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    /// <summary>A wrapping-shaped key of random bytes (nonce, key, tag) under <paramref name="masterKeyId"/>.</summary>
    protected static WrappedDataKey NewKey(string masterKeyId = "0123456789abcdef") =>
        new(masterKeyId, RandomNumberGenerator.GetBytes(12 + 32 + 16));

    /// <summary>Asserts the stored key is <paramref name="expected"/>, id and bytes.</summary>
    protected static void AssertSameKey(WrappedDataKey expected, WrappedDataKey? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.MasterKeyId, actual.MasterKeyId);
        Assert.Equal(expected.Wrapped.ToArray(), actual.Wrapped.ToArray());
    }

    /// <summary>Asserts the stream has a live entry holding <paramref name="expected"/>.</summary>
    protected async Task AssertStoredAsync(string stream, WrappedDataKey expected)
    {
        var entry = await Store.GetAsync(stream);
        Assert.NotNull(entry);
        Assert.Equal(stream, entry.Stream);
        Assert.False(entry.IsErased);
        Assert.Null(entry.ErasedAt);
        AssertSameKey(expected, entry.Key);
    }

    /// <summary>Asserts the stream is erased, at <paramref name="erasedAt"/>, with no key.</summary>
    protected async Task AssertErasedAsync(string stream, DateTimeOffset erasedAt)
    {
        var entry = await Store.GetAsync(stream);
        Assert.NotNull(entry);
        Assert.Equal(stream, entry.Stream);
        Assert.True(entry.IsErased);
        Assert.Equal(erasedAt, entry.ErasedAt);
        Assert.Null(entry.Key);
    }

    /// <summary>Lists the store into a list.</summary>
    protected async Task<List<DataKeyEntry>> ListAllAsync()
    {
        var entries = new List<DataKeyEntry>();
        await foreach (var entry in Store.ListAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }
}
