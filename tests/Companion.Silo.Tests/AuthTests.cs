using System.Net;
using System.Net.Http.Json;

namespace Companion.Silo.Tests;

public sealed class AuthTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task No_token_gets_401_with_a_problem_that_says_how_to_authenticate()
    {
        var (userId, _) = await silo.NewUserAsync();

        var response = await silo.ClientWith(null).GetAsync($"/v1/users/{userId}/state");
        var problem = await response.Content.ReadFromJsonAsync<Problem>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer", problem!.Detail);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("cgu.u_aaaaaaaaaaaaaaaa.1700000000.forged")]
    [InlineData("test-admin-token-but-longer")]
    public async Task A_malformed_or_forged_token_gets_401(string token)
    {
        var (userId, _) = await silo.NewUserAsync();

        var response = await silo.ClientWith(token).GetAsync($"/v1/users/{userId}/state");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_user_token_cannot_reach_another_users_resources()
    {
        var (alice, _) = await silo.NewUserAsync("Alice");
        var (_, bob) = await silo.NewUserAsync("Bob");

        var read = await bob.GetAsync($"/v1/users/{alice}/state");
        var write = await bob.PostAsJsonAsync($"/v1/users/{alice}/journal", new { text = "not mine" });
        var events = await bob.GetAsync($"/v1/users/{alice}/events");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, events.StatusCode);
        Assert.Equal(1, await silo.HeadVersionAsync(alice));
    }

    [Fact]
    public async Task Only_the_admin_creates_users_and_the_admin_reads_figures_never_words()
    {
        var (userId, client) = await silo.NewUserAsync();
        await client.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "Only mine to read." }).Expect(HttpStatusCode.Created);

        var byUser = await client.PostAsJsonAsync("/v1/users", new { displayName = "Mallory" });
        var adminRead = await silo.Admin().GetAsync($"/v1/users/{userId}/journal");
        var figures = await silo.Admin().GetAsync($"/admin/api/users/{userId}").Expect(HttpStatusCode.OK);
        var ownRead = await client.GetAsync($"/v1/users/{userId}/journal");

        Assert.Equal(HttpStatusCode.Forbidden, byUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminRead.StatusCode);
        var refusal = await adminRead.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Only mine to read.", refusal);
        Assert.Contains($"/admin/api/users/{userId}", refusal);
        Assert.DoesNotContain("Only mine to read.", figures.GetRawText());
        Assert.Equal(2, figures.GetProperty("streamVersion").GetInt64());
        Assert.Equal(HttpStatusCode.OK, ownRead.StatusCode);
    }

    [Theory]
    [InlineData("u_doesnotexist00000000")]
    [InlineData("..%2F..%2Fetc")]
    [InlineData("U_UPPERCASE000000000")]
    public async Task The_admin_gets_404_for_unknown_or_malformed_user_ids(string userId)
    {
        var response = await silo.Admin().GetAsync($"/admin/api/users/{userId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed record Problem(string? Title, string? Detail, int? Status);
}
