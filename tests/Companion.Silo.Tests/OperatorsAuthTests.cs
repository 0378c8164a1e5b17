using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Companion.Silo.Tests;

/// <summary>Who reaches the operators' pages: the admin token or an admin session, nobody else.</summary>
public sealed class OperatorsAuthTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    public static TheoryData<string> OperatorPaths => ["/dashboard/", "/metrics", "/admin", "/admin/api/overview", "/admin/api/users/u_aaaaaaaaaaaaaaaa"];

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task Without_a_credential_an_operator_path_is_401(string path)
    {
        var response = await silo.ClientWith(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task A_user_token_on_an_operator_path_is_403(string path)
    {
        var (_, user) = await silo.NewUserAsync();

        var response = await user.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OperatorPaths))]
    public async Task A_wrong_bearer_token_on_an_operator_path_is_401(string path)
    {
        var response = await silo.ClientWith("test-admin-token-but-wrong").GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/metrics")]
    [InlineData("/admin")]
    [InlineData("/admin/api/overview")]
    public async Task The_admin_bearer_token_opens_every_operator_path(string path)
    {
        var response = await silo.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_without_a_session_gets_a_401_page_that_links_to_the_login()
    {
        var client = silo.ClientWith(null);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await client.GetAsync("/dashboard/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("action=\"/login\"", page);
        Assert.Contains("value=\"/dashboard/\"", page);
    }

    [Fact]
    public async Task The_dashboards_grain_state_viewer_is_closed_even_to_the_admin()
    {
        var response = await silo.Admin().GetAsync("/dashboard/GrainState?grainType=Companion.Grains.UserGrain&grainId=u_aaaaaaaaaaaaaaaa");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_stays_anonymous()
    {
        var response = await silo.ClientWith(null).GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static HttpClient NoRedirects(SiloFactory silo, string baseAddress = "http://localhost") =>
        silo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });
}
