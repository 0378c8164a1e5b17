using System.Net.Mime;

namespace Companion.Silo.Api;

/// <summary>
/// Ends every JSON answer (problem details included) with a newline, so answers printed one
/// after another in a terminal (<c>curl</c> in the README's tour) do not run together. A
/// newline after a JSON value is whitespace to every JSON parser.
/// </summary>
public sealed class JsonTrailingNewline(RequestDelegate next)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.ContentLength is null
            && !HttpMethods.IsHead(context.Request.Method)
            && !context.RequestAborted.IsCancellationRequested
            && IsJson(response.ContentType))
        {
            await response.Body.WriteAsync(Newline, context.RequestAborted);
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(MediaTypeNames.Application.ProblemJson, StringComparison.OrdinalIgnoreCase);
    }
}
