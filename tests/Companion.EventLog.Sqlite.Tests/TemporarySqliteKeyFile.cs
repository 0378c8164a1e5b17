using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite.Keys;
using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// A key file, <c>keys.db</c>, in a folder of its own under the temp folder. Every store opened on
/// it is disposed, and the folder deleted, when the test ends.
/// </summary>
public sealed class TemporarySqliteKeyFile : IDataKeyStoreFixture
{
    private readonly List<SqliteDataKeyStore> _opened = [];

    /// <summary>The folder holding the key file and its WAL and shared-memory companions.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "companion-keys-sqlite-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The key file.</summary>
    public string FilePath => Path.Combine(Directory, "keys.db");

    /// <summary>Opens a store on the file (again, after a dispose, to prove what survived).</summary>
    public SqliteDataKeyStore Open()
    {
        var store = new SqliteDataKeyStore(FilePath);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    /// <inheritdoc />
    public Task<IDataKeyStore> CreateStoreAsync() => Task.FromResult<IDataKeyStore>(Open());

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
