using Companion.Domain;

namespace Companion.Silo.Auth;

/// <summary>
/// Guards every <c>/v1/users/{userId}</c> route: a malformed id is 404, another user's token 403,
/// and the admin token 403 unless the route is marked <see cref="OperatorMayCall"/>. A user's
/// words are theirs alone: operators see figures (<c>/admin/api/users/{userId}</c>), never the
/// companions, messages, memories, journal, log or archive.
/// </summary>
public sealed class UserAccessFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.GetRouteValue("userId") as string;
        if (!UserIds.IsValid(userId))
        {
            return Refuse(StatusCodes.Status404NotFound, "No such user.");
        }

        if (http.User.IsAdmin())
        {
            return http.GetEndpoint()?.Metadata.GetMetadata<OperatorMayCall>() is not null
                ? next(context)
                : Refuse(StatusCodes.Status403Forbidden,
                    $"A user's words are theirs alone: the admin token does not read or write them. Use the user's own token; an operator sees this user's figures at /admin/api/users/{userId}.");
        }

        if (!http.User.IsUser(userId!))
        {
            return Refuse(StatusCodes.Status403Forbidden, "This token belongs to another user.");
        }

        return next(context);
    }

    private static ValueTask<object?> Refuse(int status, string detail) => ValueTask.FromResult<object?>(Problems.Result(status, detail));
}
