using System.Buffers;
using System.Net.Mime;

namespace Companion.Silo.Api;

/// <summary>
/// Ends every JSON answer (problem details included) with a newline, so answers printed one
/// after another in a terminal (<c>curl</c> in the README's tour) do not run together. A
/// newline after a JSON value is whitespace to every JSON parser. The newline is put in the
/// response's buffer without a flush of its own: the server sends it with the end of the answer.
/// </summary>
public sealed class JsonTrailingNewline(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var answered = next(context);
        if (!answered.IsCompletedSuccessfully)
        {
            return AfterAsync(answered, context);
        }

        Append(context);
        return Task.CompletedTask;
    }

    private static async Task AfterAsync(Task answered, HttpContext context)
    {
        await answered;
        Append(context);
    }

    private static void Append(HttpContext context)
    {
        var response = context.Response;
        if (response.ContentLength is null
            && !HttpMethods.IsHead(context.Request.Method)
            && !context.RequestAborted.IsCancellationRequested
            && IsJson(response.ContentType))
        {
            response.BodyWriter.Write("\n"u8);
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.AsSpan();
        if (mediaType.IndexOf(';') is var end and >= 0)
        {
            mediaType = mediaType[..end];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(MediaTypeNames.Application.ProblemJson, StringComparison.OrdinalIgnoreCase);
    }
}
