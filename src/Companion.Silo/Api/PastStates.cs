using Companion.Domain.Commands;
using Companion.Domain.State;
using Companion.Grains;

namespace Companion.Silo.Api;

/// <summary>
/// Which state a read answers from: now, at a log version (<c>atVersion</c>), or as the log was
/// at a time (<c>asOf</c>, transaction time). At most one of the two may be given.
/// </summary>
public static class PastStates
{
    /// <summary>What <c>atVersion</c> means, for OpenAPI descriptions.</summary>
    public const string AtVersionMeaning = "atVersion: the state after that log version (1 to the head).";

    /// <summary>What <c>asOf</c> means, for OpenAPI descriptions.</summary>
    public const string AsOfMeaning =
        "asOf: the state as the log held it at that time (transaction time: every event recorded at or before it, up to the first recorded after it). Not both.";

    /// <summary>The state now, at <paramref name="atVersion"/> or as of <paramref name="asOf"/>; a 400 when both are given.</summary>
    public static async Task<UserState> Resolve(IUserGrain user, long? atVersion, DateTimeOffset? asOf) => (atVersion, asOf) switch
    {
        ({ }, { }) => throw DomainException.Invalid("Give either 'atVersion' (a log version) or 'asOf' (a time), not both."),
        ({ } version, null) => (await user.GetStateAt(version)).State,
        (null, { } time) => (await user.GetStateAsOf(time)).State,
        (null, null) => await user.GetState(),
    };
}
