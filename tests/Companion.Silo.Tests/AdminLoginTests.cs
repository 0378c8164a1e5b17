using System.Net;

namespace Companion.Silo.Tests;

/// <summary>The browser login: the admin token buys a session cookie that opens only the operators' pages.</summary>
public sealed class AdminLoginTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    [Fact]
    public async Task The_login_page_is_public_and_links_to_the_panel_and_the_dashboard()
    {
        var page = await silo.ClientWith(null).GetStringAsync("/login");

        Assert.Contains("href=\"/admin\"", page);
        Assert.Contains("href=\"/dashboard/\"", page);
        Assert.Contains("type=\"password\"", page);
    }

    [Fact]
    public async Task Logging_in_with_the_admin_token_sets_an_httponly_strict_cookie_without_the_token()
    {
        var response = await LogInAsync(silo.AdminToken!);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Assert.StartsWith("companion-admin=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(silo.AdminToken!, cookie);
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure()
    {
        var response = await LogInAsync(silo.AdminToken!, "https://localhost");

        Assert.Contains("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_401_and_no_cookie()
    {
        var response = await LogInAsync("not-the-admin-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("not the admin token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_session_opens_the_dashboard_and_the_panel_but_not_the_api_or_metrics()
    {
        var session = await SessionAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusWith(session, "/dashboard/"));
        Assert.Equal(HttpStatusCode.OK, await StatusWith(session, "/admin"));
        Assert.Equal(HttpStatusCode.OK, await StatusWith(session, "/admin/api/overview"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(session, "/metrics"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(session, "/v1/users/u_aaaaaaaaaaaaaaaa/state"));
    }

    [Fact]
    public async Task A_tampered_session_cookie_is_refused()
    {
        var session = await SessionAsync();
        var parts = session.Split('.');
        var longer = $"{parts[0]}.{long.Parse(parts[1]) + 3600}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(longer, "/admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(silo.AdminToken!, "/admin"));
    }

    [Fact]
    public async Task The_login_returns_only_to_local_operator_pages()
    {
        var local = await LogInAsync(silo.AdminToken!, returnUrl: "/dashboard/");
        var foreign = await LogInAsync(silo.AdminToken!, returnUrl: "//evil.example/dashboard");

        Assert.Equal("/dashboard/", local.Headers.Location?.OriginalString);
        Assert.Equal("/admin", foreign.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Logging_out_expires_the_cookie()
    {
        var response = await OperatorsAuthTests.NoRedirects(silo).PostAsync("/logout", null);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("companion-admin=;", cookie);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie);
    }

    private Task<HttpResponseMessage> LogInAsync(string token, string baseAddress = "http://localhost", string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["token"] = token };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return OperatorsAuthTests.NoRedirects(silo, baseAddress).PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    private async Task<string> SessionAsync()
    {
        var cookie = Assert.Single((await LogInAsync(silo.AdminToken!)).Headers.GetValues("Set-Cookie"));
        return cookie.Split(';')[0]["companion-admin=".Length..];
    }

    private async Task<HttpStatusCode> StatusWith(string session, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"companion-admin={session}");
        return (await OperatorsAuthTests.NoRedirects(silo).SendAsync(request)).StatusCode;
    }
}
