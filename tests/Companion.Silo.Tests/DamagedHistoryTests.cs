using System.Net;
using Microsoft.Data.Sqlite;

namespace Companion.Silo.Tests;

/// <summary>
/// A payload altered in the database behind the service's back: every read that meets it says
/// which version is damaged, before it answers, instead of a bare 500 or half a download.
/// </summary>
public sealed class DamagedHistoryTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task A_tampered_payload_makes_the_log_page_answer_a_problem_naming_the_damaged_version()
    {
        var (userId, client) = await UserWithDamageAtVersionAsync(3);

        var problem = await client.GetAsync($"/v1/users/{userId}/events").Expect(HttpStatusCode.InternalServerError);
        var after = await client.GetAsync($"/v1/users/{userId}/events?from=4").Expect(HttpStatusCode.OK);

        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Contains("damaged at version 3", problem.GetProperty("detail").GetString());
        Assert.Equal(4, after.GetProperty("events")[0].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_tampered_payload_refuses_the_export_before_a_byte_of_the_archive_is_sent()
    {
        var (userId, client) = await UserWithDamageAtVersionAsync(3);

        var response = await client.GetAsync($"/v1/users/{userId}/export");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("damaged at version 3", body);
    }

    [Fact]
    public async Task A_tampered_payload_makes_time_travel_past_it_name_the_damaged_version()
    {
        var (userId, client) = await UserWithDamageAtVersionAsync(3);

        var before = await client.GetAsync($"/v1/users/{userId}/state?atVersion=2").Expect(HttpStatusCode.OK);
        var problem = await client.GetAsync($"/v1/users/{userId}/state?atVersion=4").Expect(HttpStatusCode.InternalServerError);

        Assert.Equal(2, before.GetProperty("version").GetInt64());
        Assert.Contains("damaged at version 3", problem.GetProperty("detail").GetString());
    }

    /// <summary>A user with five events whose stored payload at <paramref name="version"/> has one character changed.</summary>
    private async Task<(string UserId, HttpClient Client)> UserWithDamageAtVersionAsync(long version)
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        await client.SayAsync(userId, companionId, sessionId, "first").Expect(HttpStatusCode.Created);
        await client.SayAsync(userId, companionId, sessionId, "second").Expect(HttpStatusCode.Created);
        Assert.Equal(5, await client.HeadVersionAsync(userId));

        await using var db = new SqliteConnection($"Data Source={Path.Combine(silo.DataDirectory, "events.db")}");
        await db.OpenAsync();
        var command = db.CreateCommand();
        command.CommandText = "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'cge1:', 'cge1:A') AS BLOB) WHERE stream_id = (SELECT id FROM streams WHERE stream = $s) AND version = $v";
        command.Parameters.AddWithValue("$s", userId);
        command.Parameters.AddWithValue("$v", version);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return (userId, client);
    }
}
