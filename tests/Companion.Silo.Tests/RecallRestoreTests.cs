using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>
/// The recall index is derived from the log alone: a user restored from their continuity archive
/// onto another silo finds the same things, in the same order, for the same reasons.
/// </summary>
public sealed class RecallRestoreTests
{
    private static readonly string[] Queries =
    [
        "q=who%20stayed%20with%20me%3F",
        "q=marmalade",
        "q=tomatoes%20on%20the%20balcony&kinds=memory",
        "q=a%20steady%20evening&kinds=journal,message",
        "q=chess",
    ];

    [Fact]
    public async Task A_restored_archive_rebuilds_the_same_index_and_answers_the_same_hits()
    {
        byte[] archive;
        string userId;
        var before = new List<string[]>();
        await using (var source = new SiloFactory())
        {
            (userId, var client) = await source.NewUserAsync();
            var companionId = await client.NewCompanionAsync(userId);
            var sessionId = await client.NewSessionAsync(userId, companionId);
            await client.SayAsync(userId, companionId, sessionId, "My grandmother's quince marmalade recipe").Expect(HttpStatusCode.Created);
            for (var i = 0; i < 55; i++)
            {
                await client.SayAsync(userId, companionId, sessionId, $"small talk {i}", i % 2 == 0 ? "user" : "companion").Expect(HttpStatusCode.Created);
            }

            await RememberAsync(client, userId, companionId, "Ada called back");
            await RememberAsync(client, userId, companionId, "Grows tomatoes and basil on the balcony");
            var chess = await RememberAsync(client, userId, companionId, "Plays online chess late at night");
            await client.DeleteAsync($"/v1/users/{userId}/companions/{companionId}/memories/{chess}").Expect(HttpStatusCode.OK);
            await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "A steady evening, tea and a long call.", mood = "calm" }).Expect(HttpStatusCode.Created);

            foreach (var query in Queries)
            {
                before.Add(Hits(await client.SearchCaughtUpAsync(userId, query)));
            }

            archive = await client.ExportAsync(userId);
        }

        await using var restoredSilo = new SiloFactory();
        var imported = await restoredSilo.Admin().ImportAsync(archive).Expect(HttpStatusCode.Created);
        Assert.Equal(userId, imported.GetProperty("userId").GetString());
        var restored = restoredSilo.ClientWith(imported.GetProperty("token").GetString());

        for (var i = 0; i < Queries.Length; i++)
        {
            var after = Hits(await restored.SearchCaughtUpAsync(userId, Queries[i]));
            Assert.Equal(before[i], after);
        }

        Assert.NotEmpty(before[0]);
        Assert.Contains(before[1], hit => hit.Contains("marmalade", StringComparison.Ordinal));
        Assert.DoesNotContain(before[4], hit => hit.Contains("chess", StringComparison.Ordinal)); // forgotten before the export, forgotten after
    }

    /// <summary>Each hit as what must survive a restore: kind, id, event version, why it matched, its ranks and its score to 4 places (recency moves the 6th between two searches).</summary>
    private static string[] Hits(JsonElement found) =>
        [.. found.GetProperty("hits").EnumerateArray().Select(h => string.Join(
            " | ",
            h.GetProperty("kind").GetString(),
            h.GetProperty("id").GetString(),
            h.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture),
            h.GetProperty("matchedBy").GetString(),
            h.TryGetProperty("keywordRank", out var k) ? k.ToString() : "",
            h.TryGetProperty("semanticRank", out var s) ? s.ToString() : "",
            h.GetProperty("score").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture),
            h.GetProperty("text").GetString()))];

    private static async Task<string> RememberAsync(HttpClient client, string userId, string companionId, string text)
    {
        var created = await client.PostAsJsonAsync($"/v1/users/{userId}/companions/{companionId}/memories", new { text, salience = 0.5 }).Expect(HttpStatusCode.Created);
        return created.GetProperty("memoryId").GetString() ?? "";
    }
}
