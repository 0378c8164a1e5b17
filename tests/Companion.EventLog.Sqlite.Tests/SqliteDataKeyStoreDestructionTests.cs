using System.Security.Cryptography;
using Companion.EventLog.Encryption;

namespace Companion.EventLog.Sqlite.Tests;

/// <summary>
/// Destroying a key must remove its bytes from the disk, not only from query results: a copy of
/// the key folder taken after an erasure must not open the erased stream's events.
/// </summary>
public sealed class SqliteDataKeyStoreDestructionTests
{
    private static readonly DateTimeOffset ErasedAt = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task Destroy_leaves_the_wrapped_key_in_no_file_of_the_key_folder()
    {
        await using var folder = new TemporarySqliteKeyFile();
        var victim = Key();
        var neighbour = Key();
        var store = folder.Open();
        await store.AddAsync("u_victim", victim);
        await store.AddAsync("u_neighbour", neighbour);
        Assert.NotEmpty(FilesContaining(folder.Directory, victim));

        // Closing the last connection copies the log into keys.db; a later write puts the key's
        // page in the log again, so the key is in both files before it is destroyed.
        store.Dispose();
        Assert.Contains("keys.db", FilesContaining(folder.Directory, victim));
        store = folder.Open();
        await store.AddAsync("u_later", Key());
        Assert.Equal(["keys.db", "keys.db-wal"], FilesContaining(folder.Directory, victim));

        await store.DestroyAsync("u_victim", ErasedAt);

        Assert.Empty(FilesContaining(folder.Directory, victim));
        store.Dispose();
        Assert.Empty(FilesContaining(folder.Directory, victim));
        Assert.Contains("keys.db", FilesContaining(folder.Directory, neighbour));
        var reopened = folder.Open();
        Assert.True((await reopened.GetAsync("u_victim"))?.IsErased);
        Assert.True(neighbour.SameAs((await reopened.GetAsync("u_neighbour"))?.Key ?? throw new Xunit.Sdk.XunitException("The neighbour's key is gone.")));
    }

    [Fact]
    public async Task Destroy_while_a_listing_is_under_way_still_leaves_the_key_in_no_file()
    {
        await using var folder = new TemporarySqliteKeyFile();
        var store = folder.Open();
        var victim = Key();
        foreach (var stream in new[] { "u_a", "u_b", "u_c" })
        {
            await store.AddAsync(stream, Key());
        }

        await store.AddAsync("u_victim", victim);
        await using var listing = store.ListAsync().GetAsyncEnumerator();
        Assert.True(await listing.MoveNextAsync());

        await store.DestroyAsync("u_victim", ErasedAt);

        Assert.Empty(FilesContaining(folder.Directory, victim));
        var rest = new List<string> { listing.Current.Stream };
        while (await listing.MoveNextAsync())
        {
            rest.Add(listing.Current.Stream);
        }

        Assert.Equal(["u_a", "u_b", "u_c", "u_victim"], rest);
        Assert.Empty(FilesContaining(folder.Directory, victim));
    }

    private static WrappedDataKey Key() => new("0123456789abcdef", RandomNumberGenerator.GetBytes(12 + 32 + 16));

    /// <summary>The names of the files in <paramref name="directory"/> whose raw bytes hold the key's, sorted.</summary>
    private static List<string> FilesContaining(string directory, WrappedDataKey key)
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            file.CopyTo(bytes);
            if (bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(key.Wrapped.Span) >= 0)
            {
                found.Add(Path.GetFileName(path));
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
