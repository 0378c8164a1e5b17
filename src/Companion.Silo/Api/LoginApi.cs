using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Companion.Silo.Operators;

namespace Companion.Silo.Api;

/// <summary>
/// The browser login for operators: <c>GET /login</c> shows a form, <c>POST /login</c> trades the
/// admin token for an admin session cookie (<see cref="AdminSessionCookie"/>), <c>POST /logout</c>
/// drops it. The form needs no anti-forgery token: posting it does nothing without the admin
/// token itself, and the cookie it sets is SameSite=Strict.
/// </summary>
public static class LoginApi
{
    public static IEndpointRouteBuilder MapLoginApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (string? returnUrl) => OperatorPages.Login(null, SafeReturnUrl(returnUrl)))
            .WithName("showLogin")
            .WithTags("Operators")
            .WithSummary("The operators' login page (HTML) for a browser.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblems(StatusCodes.Status429TooManyRequests);
        app.MapGet("/login.css", () => OperatorPages.Asset("operators.css", "text/css; charset=utf-8"))
            .ExcludeFromDescription();
        // The form post and the logout are a browser's, answered with redirects: not part of the API's contract.
        app.MapPost("/login", LogIn).WithMetadata(RateLimits.LoginEndpoint).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/logout", LogOut).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LogIn(HttpContext context, AccessTokens tokens, ILogger<AccessTokens> logger)
    {
        if (!context.Request.HasFormContentType)
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Post the login form (application/x-www-form-urlencoded) with the admin token in the 'token' field.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var token = form["token"].ToString().Trim();
        if (token.Length == 0 || !tokens.IsAdmin(token))
        {
            logger.LogWarning("A login with a wrong admin token was refused from {Remote}", context.Connection.RemoteIpAddress);
            return OperatorPages.Login("That is not the admin token.", returnUrl, StatusCodes.Status401Unauthorized);
        }

        var (session, expires) = tokens.IssueAdminSession();
        AdminSessionCookie.Append(context, session, expires);
        return Results.Redirect(returnUrl ?? "/admin", permanent: false, preserveMethod: false);
    }

    private static IResult LogOut(HttpContext context)
    {
        AdminSessionCookie.Delete(context);
        return Results.Redirect("/login");
    }

    private static string? SafeReturnUrl(string? returnUrl) =>
        AdminSessionCookie.IsSafeReturnUrl(returnUrl) ? returnUrl : null;
}
