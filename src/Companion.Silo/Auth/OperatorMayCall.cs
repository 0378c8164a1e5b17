namespace Companion.Silo.Auth;

/// <summary>
/// Endpoint metadata marking the few user routes an operator's admin token may call, none of
/// which answers words: issuing a token (provisioning the user's app), revoking every token,
/// erasing the user. Every other user route is the user's own token only.
/// </summary>
public sealed class OperatorMayCall
{
    /// <summary>The one instance; the metadata carries no data.</summary>
    public static readonly OperatorMayCall Instance = new();

    private OperatorMayCall()
    {
    }
}

/// <summary>Marking user routes for operators.</summary>
public static class OperatorMayCallExtensions
{
    /// <summary>Lets the admin token call this user route (it must answer no words).</summary>
    public static RouteHandlerBuilder AllowOperator(this RouteHandlerBuilder route) => route.WithMetadata(OperatorMayCall.Instance);
}
