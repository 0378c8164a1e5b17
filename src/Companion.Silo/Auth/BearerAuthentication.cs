using System.Security.Claims;
using System.Text.Encodings.Web;
using Companion.Silo.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the admin token, or a user token. On the operators'
/// pages a browser's admin session cookie (<see cref="AdminSessionCookie"/>) counts as the admin
/// token. Failures answer with problem details that say what was wrong with the credential.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokens tokens,
    TokenRevocations revocations)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";
    public const string AdminRole = "admin";
    public const string UserRole = "user";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateSession();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <token>'.");
        }

        var token = header.AsSpan("Bearer ".Length).Trim();
        if (tokens.IsAdmin(token))
        {
            return Authenticated(AdminRole, userId: null);
        }

        var check = tokens.ValidateUserToken(token);
        if (check.UserId is not { } userId)
        {
            return AuthenticateResult.Fail(check.Expired
                ? "The token has expired; ask for a new one."
                : "The bearer token is not valid.");
        }

        if (await revocations.ValidFromAsync(userId) is { } validFrom
            && check.IssuedAt < DateTimeOffset.FromUnixTimeMilliseconds(validFrom.ToUnixTimeMilliseconds()))
        {
            return AuthenticateResult.Fail("The token was revoked; ask for a new one.");
        }

        return Authenticated(UserRole, userId);
    }

    /// <summary>
    /// The caller's identity: a role, and the user for a user token. Each claim is made with the
    /// identity as its subject, so the identity keeps it as it is instead of copying it.
    /// </summary>
    private static AuthenticateResult Authenticated(string role, string? userId)
    {
        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.Role, role, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        if (userId is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        if (AdminSessionCookie.AppliesTo(Request.Path))
        {
            await OperatorPages.WriteLoginRequired(Context);
            return;
        }

        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, failure ?? "Send 'Authorization: Bearer <token>' with the admin token or the user's token.");
    }

    private AuthenticateResult AuthenticateSession()
    {
        if (!AdminSessionCookie.AppliesTo(Request.Path) || Request.Cookies[AdminSessionCookie.Name] is not { Length: > 0 } session)
        {
            return AuthenticateResult.NoResult();
        }

        if (!tokens.IsAdminSession(session))
        {
            return AuthenticateResult.Fail("The admin session has expired or is not valid; log in again at /login.");
        }

        return Authenticated(AdminRole, userId: null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "This token may not do that; it needs the admin token.");
}

/// <summary>Who the caller is.</summary>
public static class CallerExtensions
{
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(BearerAuthenticationHandler.AdminRole);

    /// <summary>True when the caller holds the token of the user <paramref name="userId"/>.</summary>
    public static bool IsUser(this ClaimsPrincipal user, string userId) =>
        !user.IsAdmin() && string.Equals(user.FindFirstValue(ClaimTypes.NameIdentifier), userId, StringComparison.Ordinal);
}
