using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Companion.Continuity.Verification;
using Companion.EventLog;
using Companion.EventLog.Sqlite.Keys;
using Companion.History;

namespace Companion.Silo.Tests;

/// <summary>Erasure is real: the person's key is destroyed, their ciphertext leaves the storage files, and the user is gone everywhere.</summary>
public sealed class ErasureTests
{
    private const string Phrase = "the-secret-I-told-only-Sol";

    [Fact]
    public async Task Erasing_a_user_destroys_their_key_and_removes_their_ciphertext_and_every_endpoint_then_answers_404_or_410()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();
        var (otherId, other) = await silo.NewUserAsync("Other");
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        for (var i = 0; i < 30; i++)
        {
            await client.SayAsync(userId, companionId, sessionId, $"{Phrase} #{i}").Expect(HttpStatusCode.Created);
        }

        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = Phrase }).Expect(HttpStatusCode.Created);
        await other.PostAsJsonAsync($"/v1/users/{otherId}/journal", new { text = "the other user's entry stays" }).Expect(HttpStatusCode.Created);
        var archive = await client.ExportAsync(userId);
        var stored = await StoredPayloadsAsync(client, userId);
        var otherStored = await StoredPayloadsAsync(other, otherId);

        Assert.False(StoreContains(silo.DataDirectory, Phrase), "the phrase must never reach storage in the clear");
        Assert.True(stored.All(p => StoreContains(silo.DataDirectory, p)), "before erasure the scan finds the user's ciphertext");

        var erased = await client.DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);

        Assert.True(erased.GetProperty("erased").GetBoolean());
        Assert.False(stored.Any(p => StoreContains(silo.DataDirectory, p)), "after erasure no file of the data directory may hold the user's ciphertext");
        Assert.True(otherStored.All(p => StoreContains(silo.DataDirectory, p)), "the other user's events stay");
        using (var keys = new SqliteDataKeyStore(Path.Combine(silo.DataDirectory, "keys.db")))
        {
            var entry = await keys.GetAsync(userId);
            Assert.True(entry is { Key: null, ErasedAt: not null }, "the key store keeps only the mark that the user was erased");
        }

        var admin = silo.Admin();
        foreach (var (caller, method, path, status) in new[]
        {
            (client, "GET", $"/v1/users/{userId}/state", HttpStatusCode.Gone),
            (client, "GET", $"/v1/users/{userId}/journal", HttpStatusCode.Gone),
            (client, "GET", $"/v1/users/{userId}/companions/{companionId}/context", HttpStatusCode.Gone),
            (client, "GET", $"/v1/users/{userId}/events", HttpStatusCode.Gone),
            (client, "GET", $"/v1/users/{userId}/export", HttpStatusCode.Gone),
            (admin, "DELETE", $"/v1/users/{userId}", HttpStatusCode.Gone),
            (admin, "POST", $"/v1/users/{userId}/tokens", HttpStatusCode.Gone),
            (admin, "GET", $"/admin/api/users/{userId}", HttpStatusCode.NotFound),
        })
        {
            using var response = await caller.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == status, $"{method} {path} -> {(int)response.StatusCode}, expected {(int)status}");
        }

        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "after" }).Expect(HttpStatusCode.Gone);
        await silo.Admin().ImportAsync(archive).Expect(HttpStatusCode.Gone);
        Assert.Equal(2, await other.HeadVersionAsync(otherId));

        // The user's own archive is the only copy left, and it still verifies and reads.
        var verification = await new ArchiveVerifier(EventTypeRegistry.ForUserEvents()).VerifyAsync(new MemoryStream(archive));
        Assert.True(verification.IsValid, verification.Describe());
        Assert.Contains(Phrase, Encoding.UTF8.GetString(Archives.Entry(archive, "journal.md")));
    }

    [Fact]
    public async Task Only_the_user_or_the_admin_can_erase_a_user()
    {
        await using var silo = new SiloFactory();
        var (userId, _) = await silo.NewUserAsync();
        var (_, other) = await silo.NewUserAsync("Other");

        await other.DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.Forbidden);
        await silo.ClientWith(null).DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.Unauthorized);
        await silo.Admin().DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);
    }

    /// <summary>Each event's payload exactly as stored (the encrypted JSON string), from the user's own log page.</summary>
    private static async Task<List<string>> StoredPayloadsAsync(HttpClient client, string userId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/v1/users/{userId}/events?limit=1000");
        return [.. page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("payload").GetString() ?? "")];
    }

    private static bool StoreContains(string directory, string phrase)
    {
        var needle = Encoding.UTF8.GetBytes(phrase);
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Any(file => Contains(ReadShared(file), needle));
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
