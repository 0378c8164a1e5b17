using Companion.Domain;

namespace Companion.Silo.Auth;

/// <summary>
/// Guards every <c>/v1/users/{userId}</c> route: a malformed id is 404, another user's token 403.
/// </summary>
public sealed class UserAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.GetRouteValue("userId") as string;
        if (!UserIds.IsValid(userId))
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such user.");
        }

        if (!http.User.MayAccess(userId!))
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "This token belongs to another user.");
        }

        return await next(context);
    }
}
