using System.Collections.Concurrent;
using System.Net;
using System.Reflection;

namespace Companion.Silo.Operators;

/// <summary>
/// The operators' static pages (login, panel), embedded in the assembly so the silo serves them
/// with no build step and no files beside it. Every page is sent uncached, unframeable and with a
/// content security policy that allows only this origin's own script.
/// </summary>
public static class OperatorPages
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The content security policy of the operators' own pages: only this origin's script, style and images.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /// <summary>Sends a response uncached, unframeable, unsniffed, without a referrer and under <paramref name="contentSecurityPolicy"/>.</summary>
    public static void Secure(HttpResponse response, string contentSecurityPolicy = PagePolicy)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>An embedded asset (<c>Operators/Assets/&lt;name&gt;</c>) as a result.</summary>
    public static IResult Asset(string name, string contentType, int status = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? fill = null) =>
        new PageResult(Fill(Read(name), fill), contentType, status);

    /// <summary>The login page, with an optional error and the page to go back to.</summary>
    public static IResult Login(string? error, string? returnUrl, int status = StatusCodes.Status200OK) =>
        Asset("login.html", "text/html; charset=utf-8", status, new Dictionary<string, string>
        {
            ["error"] = error ?? "",
            ["returnUrl"] = returnUrl ?? "",
        });

    /// <summary>401 on an operator page: a browser gets a page that links to the login, anything else problem details.</summary>
    public static Task WriteLoginRequired(HttpContext context)
    {
        var acceptsHtml = context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (!acceptsHtml)
        {
            return Problems.Write(context, StatusCodes.Status401Unauthorized, "Send 'Authorization: Bearer <admin token>', or log in at /login in a browser.");
        }

        var returnUrl = context.Request.Path + context.Request.QueryString;
        return Login(null, returnUrl.ToString(), StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    private static string Read(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Companion.Silo.Operators.Assets.{n}")
            ?? throw new InvalidOperationException($"The operators' asset '{n}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static string Fill(string template, IReadOnlyDictionary<string, string>? fill)
    {
        if (fill is null)
        {
            return template;
        }

        foreach (var (key, value) in fill)
        {
            template = template.Replace("{{" + key + "}}", WebUtility.HtmlEncode(value), StringComparison.Ordinal);
        }

        return template;
    }

    private sealed class PageResult(string body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            Secure(response);
            return response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
