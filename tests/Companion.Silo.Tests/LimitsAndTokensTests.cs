using System.Net;
using System.Net.Http.Json;

namespace Companion.Silo.Tests;

/// <summary>Rate limits answer 429 with Retry-After; user tokens expire and can be revoked.</summary>
public sealed class LimitsAndTokensTests
{
    [Fact]
    public async Task Writes_beyond_a_users_rate_get_429_with_retry_after_and_are_not_written()
    {
        await using var silo = new SiloFactory();
        silo.Settings["RateLimits:Enabled"] = "true";
        silo.Settings["RateLimits:UserWritesPerSecond"] = "1";
        silo.Settings["RateLimits:UserWriteBurst"] = "5";
        var (userId, client) = await silo.NewUserAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = $"entry {i}" })).StatusCode);
        }

        var limited = await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "one more" });
        var reads = await client.GetAsync($"/v1/users/{userId}/journal");
        var second = await silo.UserClientAsync(userId);
        var secondWrite = await second.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "another device, the same user" });
        var (otherId, other) = await silo.NewUserAsync("Sam");
        var otherWrite = await other.PostAsJsonAsync($"/v1/users/{otherId}/journal", new { text = "another user is not limited" });

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Contains("retry after", (await limited.Content.ReadAsStringAsync()).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, secondWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherWrite.StatusCode);
        Assert.Equal(1 + 5 + 1, await silo.HeadVersionAsync(userId)); // registered, 5 entries, the second device's access-granted
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_limited_per_address()
    {
        await using var silo = new SiloFactory();
        silo.Settings["RateLimits:Enabled"] = "true";
        silo.Settings["RateLimits:AnonymousRequestsPerSecond"] = "1";
        silo.Settings["RateLimits:AnonymousBurst"] = "3";
        var anonymous = silo.ClientWith(null);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await anonymous.GetAsync("/v1/users/u_aaaaaaaaaaaaaaaa/state")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task An_expired_user_token_gets_401_saying_it_expired()
    {
        await using var silo = new SiloFactory();
        // Long enough for the first read to be served on a loaded machine; then waited out.
        silo.Settings["Companion:UserTokenLifetime"] = "00:00:05";
        var (userId, client) = await silo.NewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/users/{userId}/state")).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(5.2));
        var response = await client.GetAsync($"/v1/users/{userId}/state");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_token_issued_for_a_user_is_in_their_own_log_saying_who_issued_it_and_never_the_token()
    {
        await using var silo = new SiloFactory();
        var (userId, client) = await silo.NewUserAsync();

        var byOperator = await silo.Admin().PostAsync($"/v1/users/{userId}/tokens", null).Expect(HttpStatusCode.Created);
        var byUser = await client.PostAsync($"/v1/users/{userId}/tokens", null).Expect(HttpStatusCode.Created);
        var page = await client.GetAsync($"/v1/users/{userId}/events?from=2").Expect(HttpStatusCode.OK);

        var grants = page.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["access-granted", "access-granted"], grants.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([byOperator.GetProperty("version").GetInt64(), byUser.GetProperty("version").GetInt64()], grants.Select(e => e.GetProperty("version").GetInt64()));
        var payloads = grants.Select(e => e.GetProperty("decryptedPayload")).ToList();
        Assert.Equal(["operator", "user"], payloads.Select(p => p.GetProperty("issuedBy").GetString()));
        Assert.Equal(byOperator.GetProperty("expiresAt").GetDateTimeOffset(), payloads[0].GetProperty("expiresAt").GetDateTimeOffset());
        Assert.DoesNotContain(byOperator.GetProperty("token").GetString()!, page.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(byUser.GetProperty("token").GetString()!, page.GetRawText(), StringComparison.Ordinal);
        await silo.ClientWith(byOperator.GetProperty("token").GetString()).GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_ends_every_earlier_token_and_hands_back_a_fresh_one()
    {
        await using var silo = new SiloFactory();
        var (userId, first) = await silo.NewUserAsync();
        var second = silo.ClientWith((await first.PostAsync($"/v1/users/{userId}/tokens", null).Expect(HttpStatusCode.Created)).GetProperty("token").GetString());
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        var revoked = await first.PostAsync($"/v1/users/{userId}/tokens/revoke", null).Expect(HttpStatusCode.OK);
        var fresh = silo.ClientWith(revoked.GetProperty("token").GetString());
        var byFirst = await first.GetAsync($"/v1/users/{userId}/state");
        var bySecond = await second.GetAsync($"/v1/users/{userId}/state");

        Assert.Equal(HttpStatusCode.Unauthorized, byFirst.StatusCode);
        Assert.Contains("revoked", await byFirst.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, bySecond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/v1/users/{userId}/state")).StatusCode);
        Assert.Equal(["access-granted", "access-revoked"], (await fresh.GetAsync($"/v1/users/{userId}/events?from=2").Expect(HttpStatusCode.OK))
            .GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }
}
