using Orleans.Runtime;

namespace Companion.Grains;

/// <summary>
/// A user's grain by id, the one way every caller reaches it. <c>GetGrain&lt;IUserGrain&gt;(id)</c>
/// resolves the interface's Orleans type by reflecting over its attributes on every call (about 4%
/// of a silo's CPU under the <c>http</c> benchmark, where it ran twice per request). The grain type
/// and the interface type are the same for every user, so they are resolved once.
/// </summary>
public static class UserGrains
{
    private static Types? s_types;

    /// <summary>The grain of <paramref name="userId"/>.</summary>
    public static IUserGrain GetUserGrain(this IGrainFactory grains, string userId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (s_types is { } types)
        {
            return (IUserGrain)grains.GetGrain(GrainId.Create(types.Grain, userId), types.Interface);
        }

        var reference = (GrainReference)grains.GetGrain<IUserGrain>(userId);
        s_types = new Types(reference.GrainId.Type, reference.InterfaceType);
        return (IUserGrain)reference;
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
