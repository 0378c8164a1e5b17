namespace Companion.Silo.Auth;

/// <summary>
/// For what only the person reads (the look-back puts their words side by side): the user's own
/// token, never the admin token, which otherwise reaches every user for support.
/// </summary>
public sealed class OwnTokenOnlyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.User.IsAdmin()
            ? Problems.Result(StatusCodes.Status403Forbidden, "This is for the user's eyes only: read it with the user's own token, not the admin token.")
            : await next(context);
}
