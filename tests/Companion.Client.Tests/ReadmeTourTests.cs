using System.Net;

namespace Companion.Client.Tests;

public sealed class ReadmeTourTests(ClientSilo silo) : IClassFixture<ClientSilo>
{
    [Fact]
    public Task The_readme_tour_and_every_other_call_work_through_the_client() => ReadmeTour.RunAsync(silo);

    [Fact]
    public async Task Undoing_a_reset_when_none_is_in_force_throws_a_409_whose_detail_reaches_the_caller()
    {
        var (client, user) = await silo.NewUserAsync("Robin");
        var companion = await client.CreateCompanionAsync(user, new NewCompanion("Sol"));

        var refused = await Assert.ThrowsAsync<CompanionApiException>(() => client.UndoResetAsync(user, companion.CompanionId));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(409, refused.Problem?.Status);
        Assert.Equal("Conflict", refused.Problem?.Title);
        Assert.Contains("reset", refused.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("409 Conflict: ", refused.Message);
        Assert.EndsWith(refused.Detail ?? "(no detail)", refused.Message);
    }

    [Fact]
    public async Task Reading_an_erased_user_throws_a_410_whose_detail_says_the_user_was_erased()
    {
        var (client, user) = await silo.NewUserAsync("Robin");
        await client.EraseUserAsync(user);

        var gone = await Assert.ThrowsAsync<CompanionApiException>(() => client.GetContextAsync(user, "c_anything"));

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("Gone", gone.Problem?.Title);
        Assert.Contains("erased", gone.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_invalid_request_throws_a_400_whose_detail_names_the_field()
    {
        var (client, user) = await silo.NewUserAsync("Robin");

        var invalid = await Assert.ThrowsAsync<CompanionApiException>(() => client.CreateCompanionAsync(user, new NewCompanion("")));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("name", invalid.Detail, StringComparison.OrdinalIgnoreCase);
    }
}
