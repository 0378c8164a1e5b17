using Companion.EventLog.Encryption;

namespace Companion.EventLog.Tests.Conformance;

/// <summary>
/// How a key store takes part in <see cref="DataKeyStoreConformanceTests{TFixture}"/>: one fixture
/// per test gives it a fresh, empty store and cleans up everything the store left behind.
/// </summary>
public interface IDataKeyStoreFixture : IAsyncDisposable
{
    /// <summary>Opens a fresh, empty store that the fixture owns and disposes.</summary>
    Task<IDataKeyStore> CreateStoreAsync();
}
