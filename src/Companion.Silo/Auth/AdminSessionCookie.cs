namespace Companion.Silo.Auth;

/// <summary>
/// The browser's admin session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, and accepted
/// only on the operators' pages (<c>/dashboard</c>, <c>/admin</c>), never on the API, so a page of
/// another site can neither read it nor spend it on <c>/v1</c>.
/// </summary>
public static class AdminSessionCookie
{
    public const string Name = "companion-admin";

    private static readonly PathString[] OperatorPaths = ["/dashboard", "/admin"];

    /// <summary>True for the paths where the cookie stands in for the admin bearer token.</summary>
    public static bool AppliesTo(PathString path) => OperatorPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the path is an operator page or <paramref name="returnUrl"/> is a safe local one to go back to.</summary>
    public static bool IsSafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not ('/' or '\\') && AppliesTo(new PathString(returnUrl.Split('?')[0]));

    public static void Append(HttpContext context, string value, DateTimeOffset expires) =>
        context.Response.Cookies.Append(Name, value, Options(context, expires));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
