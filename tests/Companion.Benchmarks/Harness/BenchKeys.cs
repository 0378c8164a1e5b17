using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite.Keys;

namespace Companion.Benchmarks.Harness;

/// <summary>
/// The data keys of a benchmark database: a key file beside it, under one master key for the
/// whole run, so a seeded history and the silo that later loads it share their keys, as a
/// silo's own writes would.
/// </summary>
public static class BenchKeys
{
    private static readonly byte[] MasterKey = MasterKeyRing.NewKey();

    /// <summary>The key file that goes with the event database at <paramref name="databasePath"/>.</summary>
    public static string KeysPath(string databasePath) => databasePath + ".keys";

    /// <summary>A key service over the key file of <paramref name="databasePath"/>.</summary>
    public static StreamKeys For(string databasePath) =>
        new(new SqliteDataKeyStore(KeysPath(databasePath)), new MasterKeyRing(MasterKey));
}
