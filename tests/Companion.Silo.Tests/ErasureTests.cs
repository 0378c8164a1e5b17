using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Companion.Silo.Tests;

/// <summary>Erasure is real: the person's words leave the storage files, and the user is unknown everywhere.</summary>
public sealed class ErasureTests
{
    private const string Phrase = "the-secret-I-told-only-Sol";

    [Fact]
    public async Task Erasing_a_user_removes_their_words_from_the_raw_store_and_every_endpoint_then_answers_404()
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
        Assert.True(StoreContains(silo.DataDirectory, Phrase), "before erasure the phrase is in the store (payloads are not yet encrypted at rest)");

        var erased = await client.DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);

        Assert.True(erased.GetProperty("erased").GetBoolean());
        Assert.False(StoreContains(silo.DataDirectory, Phrase), "after erasure no file of the data directory may hold the phrase");
        Assert.True(StoreContains(silo.DataDirectory, "the other user's entry stays"));
        foreach (var (method, path) in new[]
        {
            ("GET", $"/v1/users/{userId}/state"),
            ("GET", $"/v1/users/{userId}/events"),
            ("GET", $"/v1/users/{userId}/journal"),
            ("GET", $"/v1/users/{userId}/export"),
            ("GET", $"/v1/users/{userId}/companions/{companionId}/context"),
            ("DELETE", $"/v1/users/{userId}"),
        })
        {
            using var response = await silo.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} -> {(int)response.StatusCode}");
        }

        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "after" }).Expect(HttpStatusCode.NotFound);
        Assert.Equal(2, await other.HeadVersionAsync(otherId));
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
