using System.Diagnostics;
using System.Net;
using Companion.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Companion.Silo.Tests;

/// <summary>
/// A silo remembers each user's revocation time for a moment instead of asking the user's grain on
/// every request: a revocation through this silo still ends earlier tokens at once, and one made
/// elsewhere (straight on the grain, as another silo's endpoint would) within the stated lifetime.
/// </summary>
public sealed class TokenRevocationCacheTests
{
    [Fact]
    public async Task Revoking_through_this_silo_refuses_a_token_it_just_accepted_at_once_however_long_it_remembers()
    {
        await using var silo = new SiloFactory();
        silo.Settings["Companion:TokenCheckCacheLifetime"] = "01:00:00";
        var (userId, first) = await silo.NewUserAsync();
        var second = silo.ClientWith((await first.PostAsync($"/v1/users/{userId}/tokens", null).Expect(HttpStatusCode.Created)).GetProperty("token").GetString());
        await second.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        await first.PostAsync($"/v1/users/{userId}/tokens/revoke", null).Expect(HttpStatusCode.OK);
        var bySecond = await second.GetAsync($"/v1/users/{userId}/state");

        Assert.Equal(HttpStatusCode.Unauthorized, bySecond.StatusCode);
        Assert.Contains("revoked", await bySecond.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_revocation_made_through_another_silo_takes_effect_here_within_the_cache_lifetime()
    {
        var lifetime = TimeSpan.FromMilliseconds(300);
        await using var silo = new SiloFactory();
        silo.Settings["Companion:TokenCheckCacheLifetime"] = lifetime.ToString("c");
        var (userId, client) = await silo.NewUserAsync();
        await client.GetAsync($"/v1/users/{userId}/state").Expect(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        // Another silo's revocation endpoint calls the grain; this silo's endpoint never runs.
        await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId).RevokeAccess();
        var revoked = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync($"/v1/users/{userId}/state")).StatusCode;
        }
        while (status == HttpStatusCode.OK && revoked.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        // The lifetime, plus room for one request on a loaded test machine.
        Assert.InRange(revoked.Elapsed, TimeSpan.Zero, lifetime + TimeSpan.FromSeconds(3));
    }
}
