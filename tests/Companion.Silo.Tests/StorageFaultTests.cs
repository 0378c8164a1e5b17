using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Companion.Silo.Tests;

/// <summary>
/// When the storage refuses writes (a real SQLITE_FULL from a database quota, as on a full
/// disk), a write answers 503 with Retry-After at once, what it says matches what was stored,
/// readiness reports the fault, and once space returns the same write goes through.
/// </summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task A_write_the_full_storage_refuses_answers_503_at_once_is_not_stored_and_readiness_reports_it()
    {
        string dataDirectory, userId, companionId, sessionId;
        string refusedId, token;
        long headAfterRefusal;
        await using (var full = new SiloFactory())
        {
            dataDirectory = full.DataDirectory;
            full.Settings["Storage:Sqlite:MaxDatabaseBytes"] = (400 * 1024).ToString();
            HttpClient client;
            (userId, client) = await full.NewUserAsync();
            token = client.DefaultRequestHeaders.Authorization!.Parameter!;
            companionId = await client.NewCompanionAsync(userId);
            sessionId = await client.NewSessionAsync(userId, companionId);

            HttpResponseMessage? refused = null;
            var took = TimeSpan.Zero;
            refusedId = "";
            for (var i = 0; refused is null; i++)
            {
                Assert.True(i < 200, "The quota never refused a write.");
                refusedId = $"m-{i}";
                var started = Stopwatch.GetTimestamp();
                var response = await client.SayAsync(userId, companionId, sessionId, new string('w', 20_000), messageId: refusedId);
                took = Stopwatch.GetElapsedTime(started);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    refused = response;
                }
            }

            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503, got {(int)refused.StatusCode}: {body}");
            Assert.True(took < TimeSpan.FromSeconds(15), $"The refusal took {took}: it must not retry until space returns.");
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Contains("nothing was stored", body, StringComparison.Ordinal);

            var health = await full.ClientWith(null).GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var entries = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("entries");
            Assert.Equal("Unhealthy", entries.GetProperty("event-log").GetProperty("status").GetString());

            // Asked again while still full: the same answer, never a 500.
            var again = await client.SayAsync(userId, companionId, sessionId, new string('w', 20_000), messageId: refusedId);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
            headAfterRefusal = await full.HeadVersionAsync(userId);
        }

        // Space returns: the refused message was not stored, so the same id now creates it.
        await using var roomy = new SiloFactory(dataDirectory);
        var user = roomy.ClientWith(token); // the same data directory holds the same token key
        Assert.Equal(headAfterRefusal, await user.HeadVersionAsync(userId));
        var retried = await user.SayAsync(userId, companionId, sessionId, new string('w', 20_000), messageId: refusedId).Expect(HttpStatusCode.Created);
        Assert.False(retried.GetProperty("duplicate").GetBoolean());
        Assert.Equal(headAfterRefusal + 1, retried.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await roomy.ClientWith(null).GetAsync("/healthz")).StatusCode);
    }
}
