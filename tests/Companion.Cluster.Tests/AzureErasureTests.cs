using System.Text;
using Azure.Storage.Blobs;
using Companion.Domain.Commands;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.Grains;

namespace Companion.Cluster.Tests;

/// <summary>
/// Erasure on the Azure provider, read back from the blobs themselves: the words never reach a
/// blob in the clear, the user's ciphertext is gone afterwards, and a copy of it taken before
/// (a backup) can no longer be decrypted because the key is destroyed.
/// </summary>
public sealed class AzureErasureTests(MultiSiloFixture fixture) : IClassFixture<MultiSiloFixture>
{
    private const string Phrase = "I imagined a secure response: Sol stayed when I went quiet";

    [Fact]
    public async Task Erasure_on_azure_leaves_no_ciphertext_of_the_user_in_any_blob_and_a_backup_copy_undecryptable()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>(Ids.New("u"));
        var other = fixture.Grains.GetGrain<IUserGrain>(Ids.New("u"));
        var userId = user.GetPrimaryKeyString();
        await user.Register("Robin");
        await other.Register("Other");
        for (var i = 0; i < 12; i++)
        {
            await user.WriteJournal("imagining-a-secure-response", $"{Phrase} ({i})", "moved", null);
        }

        await other.WriteJournal(null, "the other user's entry stays", null, null);
        var backup = await fixture.Log.ReadAsync(userId).ToListAsync();
        var otherStored = await fixture.Log.ReadAsync(other.GetPrimaryKeyString()).ToListAsync();
        var before = await ReadEveryBlobAsync();

        Assert.All(backup, e => Assert.True(PayloadCipher.IsEncrypted(e.Payload.Span)));
        Assert.DoesNotContain(before, b => b.Content.Contains(Phrase, StringComparison.Ordinal));
        Assert.False(AzuriteFilesContain(Phrase), "Azurite's files on disk must never hold the phrase");
        Assert.All(backup, e => Assert.Contains(before, b => b.Content.Contains(Encoding.UTF8.GetString(e.Payload.Span), StringComparison.Ordinal)));
        var keyBlobBefore = Assert.Single(before, b => b.Container == MultiSiloFixture.KeysContainer && b.Name.Contains(BlobName(userId), StringComparison.Ordinal));
        Assert.Contains("wrapped", keyBlobBefore.Content, StringComparison.Ordinal);

        await user.Erase();
        var after = await ReadEveryBlobAsync();

        foreach (var envelope in backup)
        {
            var ciphertext = Encoding.UTF8.GetString(envelope.Payload.Span);
            Assert.DoesNotContain(after, b => b.Content.Contains(ciphertext, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(after, b => b.Container != MultiSiloFixture.KeysContainer && b.Name.Contains(BlobName(userId), StringComparison.Ordinal));
        var keyBlobAfter = Assert.Single(after, b => b.Container == MultiSiloFixture.KeysContainer && b.Name.Contains(BlobName(userId), StringComparison.Ordinal));
        Assert.DoesNotContain("wrapped", keyBlobAfter.Content, StringComparison.Ordinal);
        Assert.All(otherStored, e => Assert.Contains(after, b => b.Content.Contains(Encoding.UTF8.GetString(e.Payload.Span), StringComparison.Ordinal)));
        Assert.False(AzuriteFilesContain(Phrase));

        // The backup taken before erasure is ciphertext whose key no longer exists anywhere.
        await Assert.ThrowsAsync<StreamErasedException>(() => fixture.Keys.OpenAsync(userId));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => PayloadCipher.Reveal(backup[^1], null));
        var refused = await Assert.ThrowsAsync<DomainException>(() => user.GetState());
        Assert.Equal(DomainErrorKind.Gone, refused.Kind);
        Assert.Equal(StreamHead.Empty, await fixture.Log.GetHeadAsync(userId));
    }

    /// <summary>How the provider spells a stream inside blob names: four hex digits per character.</summary>
    private static string BlobName(string stream) =>
        string.Concat(stream.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Every blob of every container, downloaded through the blob API.</summary>
    private async Task<List<(string Container, string Name, string Content)>> ReadEveryBlobAsync()
    {
        var service = new BlobServiceClient(fixture.Azurite.ConnectionString);
        var blobs = new List<(string, string, string)>();
        await foreach (var container in service.GetBlobContainersAsync())
        {
            var client = service.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                blobs.Add((container.Name, blob.Name, Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span)));
            }
        }

        return blobs;
    }

    private bool AzuriteFilesContain(string phrase)
    {
        var needle = Encoding.UTF8.GetBytes(phrase);
        foreach (var file in Directory.EnumerateFiles(fixture.Azurite.Location, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
