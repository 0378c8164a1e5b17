using Microsoft.AspNetCore.Diagnostics;

namespace Companion.Silo;

/// <summary>
/// Answers every exception with problem details. A refusal is the caller's mistake, not ours: it
/// is answered and not logged as an error. Anything else is logged once, without the request body.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = Problems.For(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        await Problems.Write(httpContext, status, detail);
        return true;
    }
}
