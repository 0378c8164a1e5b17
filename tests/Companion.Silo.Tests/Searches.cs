using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>What the search and memory tests share: a search once the index has caught up, a memory recorded, a list's ids.</summary>
internal static class Searches
{
    /// <summary>Searches until the index has caught up with the log and embedded everything, then answers that search.</summary>
    public static async Task<JsonElement> SearchCaughtUpAsync(this HttpClient client, string userId, string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = await client.GetAsync($"/v1/users/{userId}/search?{query}").Expect(HttpStatusCode.OK);
            if (found.GetProperty("indexedVersion").GetInt64() == found.GetProperty("headVersion").GetInt64()
                && found.GetProperty("embeddingsPending").GetInt32() == 0)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the index did not catch up: {found}");
            await Task.Delay(50);
        }
    }

    /// <summary>Records a memory through <paramref name="memories"/> (a companion's memories path) and answers its id.</summary>
    public static async Task<string> RememberAsync(this HttpClient client, string memories, object body) =>
        (await client.PostAsJsonAsync(memories, body).Expect(HttpStatusCode.Created)).GetProperty("memoryId").GetString() ?? "";

    /// <summary>The ids of a memory list's memories, in its order.</summary>
    public static List<string?> MemoryIds(JsonElement list) =>
        [.. list.GetProperty("memories").EnumerateArray().Select(m => m.GetProperty("id").GetString())];
}
