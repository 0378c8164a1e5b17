using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Companion.EventLog.Encryption;
using Companion.EventLog.Sqlite.Keys;
using Companion.Testing;

namespace Companion.Silo.Tests;

/// <summary>
/// Rotating the master key as SECURITY.md says: start with the new key as current and the old
/// one retired, wait for the log to say every data key is rewrapped, then drop the old key.
/// </summary>
public sealed class MasterKeyRotationTests
{
    [Fact]
    public async Task A_rotated_master_key_rewraps_every_data_key_and_the_old_key_can_then_be_dropped()
    {
        var oldKey = MasterKeyRing.NewKey();
        var newKey = MasterKeyRing.NewKey();
        var dataDirectory = Directory.CreateTempSubdirectory("companion-rotation-").FullName;
        var users = new List<(string UserId, string Token, string State)>();

        await using (var before = Silo(dataDirectory, oldKey))
        {
            for (var i = 0; i < 3; i++)
            {
                var (userId, client) = await before.NewUserAsync($"User {i}");
                await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { prompt = "weather-report", text = $"Stormy, then calm ({i})." }).Expect(HttpStatusCode.Created);
                users.Add((userId, client.DefaultRequestHeaders.Authorization?.Parameter ?? "", await StateAsync(client, userId)));
            }
        }

        Assert.All(await EntriesAsync(dataDirectory), e => Assert.Equal(MasterKeyRing.IdOf(oldKey), e.Key?.MasterKeyId));

        var log = new CapturingLoggerProvider();
        await using (var rotating = Silo(dataDirectory, newKey, oldKey))
        {
            rotating.LogSink = log;
            var (userId, token, state) = users[0];
            Assert.Equal(state, await StateAsync(rotating.ClientWith(token), userId));
            await Eventually.TrueAsync(() => log.Lines.Any(l => l.Contains("Master key rotation done: 3 data keys rewrapped", StringComparison.Ordinal)), "the silo reports the rotation");
        }

        Assert.All(await EntriesAsync(dataDirectory), e => Assert.Equal(MasterKeyRing.IdOf(newKey), e.Key?.MasterKeyId));

        await using (var after = Silo(dataDirectory, newKey))
        {
            foreach (var (userId, token, state) in users)
            {
                Assert.Equal(state, await StateAsync(after.ClientWith(token), userId));
            }
        }

        await using (var wrong = Silo(dataDirectory, MasterKeyRing.NewKey()))
        {
            var (userId, token, _) = users[1];
            var problem = await wrong.ClientWith(token).GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.ServiceUnavailable);
            Assert.Contains($"master key {MasterKeyRing.IdOf(newKey)}, which is not configured", problem.GetProperty("detail").GetString());
            var export = await wrong.ClientWith(token).GetAsync($"/v1/users/{userId}/export");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, export.StatusCode);

            // Being forgotten needs no master key: destroying the wrapped key is enough.
            await wrong.Admin().DeleteAsync($"/v1/users/{userId}").Expect(HttpStatusCode.OK);
            await wrong.ClientWith(token).GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.Gone);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_master_key_that_is_not_32_bytes_of_base64_stops_the_silo_saying_what_to_give()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("companion-rotation-").FullName;
        await using var silo = new SiloFactory(dataDirectory);
        silo.Settings["Companion:MasterKey"] = "c2hvcnQ=";

        var error = Assert.ThrowsAny<Exception>(() => silo.CreateClient());

        Assert.Contains("Companion:MasterKey is 5 bytes; it must be 32 random bytes in base64", error.ToString());
    }

    private static SiloFactory Silo(string dataDirectory, byte[] current, params byte[][] retired)
    {
        var silo = new SiloFactory(dataDirectory);
        silo.Settings["Companion:MasterKey"] = Convert.ToBase64String(current);
        for (var i = 0; i < retired.Length; i++)
        {
            silo.Settings[$"Companion:RetiredMasterKeys:{i}"] = Convert.ToBase64String(retired[i]);
        }

        return silo;
    }

    private static async Task<string> StateAsync(HttpClient client, string userId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/v1/users/{userId}/state")).GetRawText();

    private static async Task<List<DataKeyEntry>> EntriesAsync(string dataDirectory)
    {
        using var store = new SqliteDataKeyStore(Path.Combine(dataDirectory, "keys.db"));
        return await store.ListAsync().ToListAsync();
    }
}
