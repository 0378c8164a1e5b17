using Companion.EventLog.Encryption;
using Companion.EventLog.Tests.Conformance;
using Companion.Testing.Storage;

namespace Companion.EventLog.Tests;

/// <summary>A fresh in-memory key store per test; nothing to clean up.</summary>
public sealed class InMemoryDataKeyStoreFixture : IDataKeyStoreFixture
{
    /// <inheritdoc />
    public Task<IDataKeyStore> CreateStoreAsync() => Task.FromResult<IDataKeyStore>(new InMemoryDataKeyStore());

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
