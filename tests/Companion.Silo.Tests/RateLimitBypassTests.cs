using System.Net;
using System.Net.Http.Json;

namespace Companion.Silo.Tests;

/// <summary>
/// Limits hold on the endpoint routing matched, whatever the path looks like; reads, operator
/// logins and exports each have one; a log page's memory is capped.
/// </summary>
public sealed class RateLimitBypassTests
{
    [Fact]
    public async Task The_export_limit_holds_whatever_the_paths_case_or_trailing_slash()
    {
        await using var silo = new SiloFactory();
        silo.Settings["RateLimits:Enabled"] = "true";
        silo.Settings["RateLimits:UserExportsPerMinute"] = "2";
        var (userId, client) = await silo.NewUserAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "export", "EXPORT", "export/", "Export/", "eXpOrT" })
        {
            statuses.Add((await client.GetAsync($"/v1/users/{userId}/{path}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Reads_beyond_a_users_rate_get_429_with_retry_after()
    {
        await using var silo = new SiloFactory();
        silo.Settings["RateLimits:Enabled"] = "true";
        silo.Settings["RateLimits:UserReadsPerSecond"] = "1";
        silo.Settings["RateLimits:UserReadBurst"] = "3";
        var (userId, client) = await silo.NewUserAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "state", "STATE", "events/", "state", "Events" })
        {
            statuses.Add((await client.GetAsync($"/v1/users/{userId}/{path}")).StatusCode);
        }

        var limited = await client.GetAsync($"/v1/users/{userId}/state");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await silo.Admin().GetAsync($"/admin/api/users/{userId}")).StatusCode);
    }

    [Fact]
    public async Task Operator_logins_beyond_the_limit_get_429_even_with_the_right_token()
    {
        await using var silo = new SiloFactory();
        silo.Settings["RateLimits:Enabled"] = "true";
        silo.Settings["RateLimits:LoginsPerMinute"] = "3";
        var browser = silo.ClientWith(null);

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/login", "/LOGIN", "/login/", "/Login" })
        {
            var form = new FormUrlEncodedContent([new("token", "not-the-admin-token")]);
            statuses.Add((await browser.PostAsync(path, form)).StatusCode);
        }

        var right = await browser.PostAsync("/login", new FormUrlEncodedContent([new("token", silo.AdminToken ?? "")]));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task A_log_page_stops_at_its_byte_cap_and_next_goes_on_from_there()
    {
        await using var silo = new SiloFactory();
        silo.Settings["Companion:MaxLogPageBytes"] = "60000";
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        for (var i = 0; i < 8; i++)
        {
            // Random text: repetitive text would be compressed before it is stored.
            await client.SayAsync(userId, companionId, sessionId, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6_000))).Expect(HttpStatusCode.Created);
        }

        var head = await client.HeadVersionAsync(userId);
        var versions = new List<long>();
        var pages = 0;
        long? from = 1;
        while (from is { } start)
        {
            var page = await client.GetAsync($"/v1/users/{userId}/events?from={start}&limit=1000").Expect(HttpStatusCode.OK);
            var events = page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToList();
            Assert.NotEmpty(events);
            versions.AddRange(events);
            from = page.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
            Assert.True(from is null || from == events[^1] + 1);
            pages++;
        }

        Assert.True(pages >= 3, $"{head} events of about 24 KB each came in {pages} pages of at most 60,000 bytes.");
        Assert.Equal(Enumerable.Range(1, (int)head).Select(v => (long)v), versions);
    }
}
